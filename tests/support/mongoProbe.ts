export interface MongoProbe {
  uri: string | null;
  reason: string;
}

interface ProbeResult extends MongoProbe {
  label: string;
  stop?: () => Promise<void>;
}

export async function probeMongo(): Promise<ProbeResult> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, reason: "", label: "MONGODB_URI" };
  const { getContainerRuntimeClient } = await import("testcontainers");
  try {
    await getContainerRuntimeClient();
  } catch {
    return { uri: null, reason: "MONGODB_URI is not set and Testcontainers found no container runtime", label: "" };
  }
  const { MongoDBContainer } = await import("@testcontainers/mongodb");
  const container = await new MongoDBContainer("mongo:7").start();
  return {
    uri: `${container.getConnectionString()}?directConnection=true`,
    reason: "",
    label: "a Testcontainers mongo:7",
    stop: async () => void (await container.stop()),
  };
}

import "reflect-metadata";
import { container as rootContainer, instanceCachingFactory, type DependencyContainer, type InjectionToken } from "tsyringe";
import type { Clock } from "./application/ports/Clock.js";
import type { HealthCheck } from "./application/ports/HealthCheck.js";
import type { IdGenerator } from "./application/ports/IdGenerator.js";
import type { PasswordDenylist } from "./application/ports/PasswordDenylist.js";
import type { PasswordHasher } from "./application/ports/PasswordHasher.js";
import type { SessionRevocations } from "./application/ports/SessionRevocations.js";
import type { TokenService } from "./application/ports/TokenService.js";
import { Authenticate } from "./application/users/Authenticate.js";
import { ChangePassword } from "./application/users/ChangePassword.js";
import { EditProfile } from "./application/users/EditProfile.js";
import { Login } from "./application/users/Login.js";
import { Logout } from "./application/users/Logout.js";
import { RegisterUser } from "./application/users/RegisterUser.js";
import { ViewProfile } from "./application/users/ViewProfile.js";
import { GetProduct } from "./application/catalog/GetProduct.js";
import { ProductViews } from "./application/catalog/ProductViews.js";
import { ListProducts } from "./application/catalog/ListProducts.js";
import type { ImageVariants } from "./application/ports/ImageVariants.js";
import type { MediaFiles } from "./application/ports/MediaFiles.js";
import type { ProductRepository } from "./domain/catalog/ProductRepository.js";
import { catalogReadAdapters } from "./catalogComposition.js";
import { SendPasswordChangedNotice } from "./application/notifications/SendPasswordChangedNotice.js";
import { SendWelcomeEmail } from "./application/notifications/SendWelcomeEmail.js";
import type { OutboxStore } from "./application/ports/OutboxStore.js";
import { composeEvents, type Bus } from "./composeEvents.js";
import type { OutboxRelay } from "./infrastructure/outbox/OutboxRelay.js";
import { PASSWORD_MIN_LENGTH } from "./domain/users/Password.js";
import type { UserRepository } from "./domain/users/UserRepository.js";
import type { Config } from "./infrastructure/config/config.js";
import { authLimiters, jwtSecret } from "./composeSecurity.js";
import type { Logger } from "./infrastructure/logging/logger.js";
import { InMemorySessionRevocations } from "./infrastructure/memory/InMemorySessionRevocations.js";
import { InMemoryUserRepository } from "./infrastructure/memory/InMemoryUserRepository.js";
import { connectMongo } from "./infrastructure/mongo/connectMongo.js";
import { MongoUserRepository } from "./infrastructure/mongo/MongoUserRepository.js";
import { connectRedis, type RedisClient } from "./infrastructure/redis/connectRedis.js";
import { RedisSessionRevocations } from "./infrastructure/redis/RedisSessionRevocations.js";
import { BcryptPasswordHasher } from "./infrastructure/security/BcryptPasswordHasher.js";
import { CommonPasswordDenylist } from "./infrastructure/security/CommonPasswordDenylist.js";
import { JwtTokenService } from "./infrastructure/security/JwtTokenService.js";
import { RandomIdGenerator } from "./infrastructure/security/RandomIdGenerator.js";
import { SystemClock } from "./infrastructure/security/SystemClock.js";
import type { AuthLimiters } from "./interfaces/http/throttling/AuthThrottle.js";

/** The composition root: the only module that knows which adapter serves which port. */
export const TOKENS = {
  Config: Symbol("Config"),
  Logger: Symbol("Logger"),
  Clock: Symbol("Clock"),
  Ids: Symbol("IdGenerator"),
  Users: Symbol("UserRepository"),
  Hasher: Symbol("PasswordHasher"),
  Denylist: Symbol("PasswordDenylist"),
  Tokens: Symbol("TokenService"),
  Revocations: Symbol("SessionRevocations"),
  EventBus: Symbol("EventBus"),
  Relay: Symbol("OutboxRelay"),
  Mailer: Symbol("Mailer"),
  SendLedger: Symbol("SendLedger"),
  AuthLimiters: Symbol("AuthLimiters"),
  HealthChecks: Symbol("HealthChecks"),
  Products: Symbol("ProductRepository"),
  ImageVariants: Symbol("ImageVariants"),
  MediaFiles: Symbol("MediaFiles"),
} as const;

export interface Runtime {
  container: DependencyContainer;
  /** Human-readable summary of which adapters are in use, for the startup line. */
  adapters: string[];
  close(): Promise<void>;
}

type Closer = () => Promise<void>;

export async function buildRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const c = rootContainer.createChildContainer();
  const closers: Closer[] = [];
  const checks: HealthCheck[] = [];
  const adapters: string[] = [];
  const value = <T>(token: InjectionToken<T>, instance: T) => c.register(token, { useValue: instance });
  const singleton = <T>(token: InjectionToken<T>, make: (r: DependencyContainer) => T) =>
    c.register(token, { useFactory: instanceCachingFactory(make) });

  value(TOKENS.Config, config);
  value(TOKENS.Logger, logger);
  value<Clock>(TOKENS.Clock, new SystemClock());
  value<IdGenerator>(TOKENS.Ids, new RandomIdGenerator());
  value<PasswordHasher>(TOKENS.Hasher, new BcryptPasswordHasher(config.bcryptCost));
  value<PasswordDenylist>(TOKENS.Denylist, new CommonPasswordDenylist(PASSWORD_MIN_LENGTH));
  value<TokenService>(TOKENS.Tokens, new JwtTokenService({ ...config.jwt, secret: jwtSecret(config, logger) }));

  let catalogDb: Parameters<typeof catalogReadAdapters>[1] = null;
  if (config.mongo) {
    const mongo = await connectMongo(config.mongo.uri, config.mongo.dbName);
    catalogDb = mongo.db;
    closers.push(() => mongo.client.close());
    checks.push({ name: "mongodb", ping: async () => void (await mongo.db.command({ ping: 1 })) });
    const users = new MongoUserRepository(mongo.db);
    await users.ensureIndexes();
    value<UserRepository>(TOKENS.Users, users);
    adapters.push(`users: MongoDB (${config.mongo.dbName})`);
  } else {
    value<UserRepository>(TOKENS.Users, new InMemoryUserRepository());
    adapters.push("users: in-memory");
  }
  const catalog = await catalogReadAdapters(config.catalog, catalogDb);
  value<ProductRepository>(TOKENS.Products, catalog.products);
  value<ImageVariants>(TOKENS.ImageVariants, catalog.variants);
  value<MediaFiles>(TOKENS.MediaFiles, catalog.media);
  adapters.push(catalog.label);

  let redis: RedisClient | null = null;
  if (config.redisUrl) {
    const client = await connectRedis({ url: config.redisUrl }, logger);
    redis = client;
    closers.push(async () => void (await client.close()));
    checks.push({ name: "redis", ping: async () => void (await client.ping()) });
    value<SessionRevocations>(TOKENS.Revocations, new RedisSessionRevocations(client));
    adapters.push("sessions and rate limits: Redis");
  } else {
    singleton<SessionRevocations>(TOKENS.Revocations, (r) => new InMemorySessionRevocations(r.resolve(TOKENS.Clock)));
    adapters.push("sessions and rate limits: in-memory");
  }
  // A factory, not useValue: tsyringe treats a null value as "no provider".
  const limiters = config.rateLimits.enabled ? authLimiters(config, redis) : null;
  c.register<AuthLimiters | null>(TOKENS.AuthLimiters, { useFactory: () => limiters });
  value<HealthCheck[]>(TOKENS.HealthChecks, checks);

  // Both user repositories are also the outbox: events are stored in the same write as the user.
  const events = await composeEvents(config, logger, { redis, outbox: c.resolve<UserRepository & OutboxStore>(TOKENS.Users), clock: c.resolve(TOKENS.Clock) });
  closers.push(events.close);
  adapters.push(...events.adapters);
  value<Bus>(TOKENS.EventBus, events.bus);
  value<OutboxRelay>(TOKENS.Relay, events.relay);
  value(TOKENS.Mailer, events.mailer);
  value(TOKENS.SendLedger, events.ledger);

  registerUseCases(c);
  return {
    container: c,
    adapters,
    close: async () => {
      for (const close of closers.reverse()) await close().catch((err: unknown) => logger.warn({ err }, "error while closing"));
    },
  };
}

function registerUseCases(c: DependencyContainer): void {
  const r = <T>(token: InjectionToken<unknown>) => c.resolve(token) as T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tsyringe types class tokens as any-arg constructors
  const use = <T>(cls: new (...args: any[]) => T, make: () => T) => c.register(cls, { useFactory: instanceCachingFactory(make) });
  use(RegisterUser, () => new RegisterUser(r(TOKENS.Users), r(TOKENS.Hasher), r(TOKENS.Denylist), r(TOKENS.Relay), r(TOKENS.Ids), r(TOKENS.Clock)));
  use(Login, () => new Login(r(TOKENS.Users), r(TOKENS.Hasher), r(TOKENS.Tokens), r(TOKENS.Revocations)));
  use(Logout, () => new Logout(r(TOKENS.Revocations)));
  use(Authenticate, () => new Authenticate(r(TOKENS.Tokens), r(TOKENS.Revocations), r(TOKENS.Users)));
  use(ViewProfile, () => new ViewProfile(r(TOKENS.Users)));
  use(SendWelcomeEmail, () => new SendWelcomeEmail(r(TOKENS.Mailer), r(TOKENS.SendLedger)));
  use(SendPasswordChangedNotice, () => new SendPasswordChangedNotice(r(TOKENS.Mailer), r(TOKENS.SendLedger)));
  use(EditProfile, () => new EditProfile(r(TOKENS.Users), r(TOKENS.Clock)));
  use(ProductViews, () => new ProductViews(r(TOKENS.ImageVariants)));
  use(ListProducts, () => new ListProducts(r(TOKENS.Products), r(ProductViews)));
  use(GetProduct, () => new GetProduct(r(TOKENS.Products), r(ProductViews)));
  use(ChangePassword, () =>
    new ChangePassword(r(TOKENS.Users), r(TOKENS.Hasher), r(TOKENS.Denylist), r(TOKENS.Tokens), r(TOKENS.Relay), r(TOKENS.Ids), r(TOKENS.Clock)),
  );
}

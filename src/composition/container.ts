// tsyringe throws at import time unless the Reflect polyfill is loaded first: every module takes tsyringe from here.
import "reflect-metadata";

export { container, instanceCachingFactory, type DependencyContainer, type InjectionToken } from "tsyringe";

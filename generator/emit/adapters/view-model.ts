import type { AdapterName } from "../../model/definition-types.js";
import type { Model } from "../../model/model.js";
import { corePackageName } from "../core-package/emit-core-package.js";
import { frameworks } from "./frameworks.js";

/**
 * Everything an adapter's templates may print. Templates are logic-free: each value is final text or
 * data for the `literal` helper; nothing is computed while rendering.
 */
export interface AdapterViewModel {
  readonly framework: AdapterName;
  /** `Express 5`, `node:http`, … */
  readonly title: string;
  /** `@scim-discovery/express`. */
  readonly packageName: string;
  /** `@scim-discovery/core`: the documents. */
  readonly corePackageName: string;
  /** `@scim-discovery/core/runtime`: the behaviour. */
  readonly runtimeModule: string;
  /** The framework packages the adapter expects beside it, as README text: "`express@^5`". */
  readonly peerDependencyList: string;
  /** A resource type id to show in examples (`User`). */
  readonly exampleResourceType: string;
  /** A schema URN to show in examples. */
  readonly exampleSchemaId: string;
}

/** Builds the view-model of one adapter from the model. */
export function adapterViewModel(model: Model, framework: AdapterName): AdapterViewModel {
  const facts = frameworks[framework];
  const core = corePackageName(model);
  // The model's lists are in canonical order, so the example picks are stable between runs.
  const resourceType = model.resourceTypes.find((rt) => rt.name === "User") ?? model.resourceTypes[0];
  const schema = resourceType?.schema ?? model.schemas[0] ?? model.serviceProviderSchemas[0];
  return {
    framework,
    title: facts.title,
    packageName: adapterPackageName(model, framework),
    corePackageName: core,
    runtimeModule: `${core}/runtime`,
    peerDependencyList: Object.entries(facts.peerDependencies)
      .map(([name, range]) => `\`${name}@${range}\``)
      .join(", "),
    exampleResourceType: resourceType?.id ?? "User",
    exampleSchemaId: schema?.id ?? "urn:ietf:params:scim:schemas:core:2.0:User",
  };
}

/** The npm name of an adapter package: `${scope}/${framework}`. */
export function adapterPackageName(model: Model, framework: AdapterName): string {
  return `${model.project.packageScope}/${framework}`;
}

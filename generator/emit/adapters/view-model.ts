import type { NodeAdapterName as AdapterName } from "../../model/definition-types.js";
import type { Model } from "../../model/model.js";
import { adapterPackageName, corePackageName, coreSubpaths } from "../../names.js";
import { markdownCode, markdownText, urlPathSegment } from "../escape.js";
import { definitionsFolderName } from "../generated-file.js";
import { frameworks } from "./frameworks.js";

/**
 * Everything an adapter's templates may print. Templates are logic-free: each value is final text for
 * the one place its name says (escaped here, by escape.ts), or a string for the `literal` helper, which
 * makes it a JavaScript string literal; nothing is computed while rendering.
 */
export interface AdapterViewModel {
  readonly framework: AdapterName;
  /** `Express 5`, `node:http`, …: the generator's own text, for prose and (through `jsdoc`) comments. */
  readonly title: string;
  /** `@scim-discovery/express`, for the `literal` helper. */
  readonly packageName: string;
  /** The package name as Markdown inline text (`markdownText`): the README's heading. */
  readonly packageNameText: string;
  /** `@scim-discovery/core`, the documents, for the `literal` helper. */
  readonly corePackageName: string;
  /** The core package name as a Markdown code span (`markdownCode`), backticks included. */
  readonly corePackageNameCode: string;
  /** `@scim-discovery/core/runtime`, the behaviour, for the `literal` helper. */
  readonly runtimeModule: string;
  /** The framework packages the adapter expects beside it, as README text: "`express@^5`". */
  readonly peerDependencyList: string;
  /**
   * A resource type id to show in example URLs (`User`), as one URL path segment (`urlPathSegment`): no
   * space, backtick, `|`, shell metacharacter or line break, so it stands in a URL in a comment, in a
   * code block, or in a `curl` command in a code span.
   */
  readonly exampleResourceType: string;
  /** A schema URN to show in example URLs, as one URL path segment (`urlPathSegment`: `:` stays). */
  readonly exampleSchemaId: string;
  /** The definitions folder as the project names it (`scim/definitions/`), as a Markdown code span. */
  readonly definitionsFolderCode: string;
}

/** Builds the view-model of one adapter from the model. */
export function adapterViewModel(model: Model, framework: AdapterName): AdapterViewModel {
  const facts = frameworks[framework];
  const core = corePackageName(model.project.packageScope);
  const packageName = adapterPackageName(model.project.packageScope, framework);
  // The model's lists are in canonical order, so the example picks are stable between runs.
  const resourceType = model.resourceTypes.find((rt) => rt.name === "User") ?? model.resourceTypes[0];
  const schema = resourceType?.schema ?? model.schemas[0] ?? model.serviceProviderSchemas[0];
  return {
    framework,
    title: facts.title,
    packageName,
    packageNameText: markdownText(packageName),
    corePackageName: core,
    corePackageNameCode: markdownCode(core),
    runtimeModule: `${core}/${coreSubpaths.runtime}`,
    peerDependencyList: Object.entries(facts.peerDependencies)
      .map(([name, range]) => markdownCode(`${name}@${range}`))
      .join(", "),
    exampleResourceType: urlPathSegment(resourceType?.id ?? "User"),
    exampleSchemaId: urlPathSegment(schema?.id ?? "urn:ietf:params:scim:schemas:core:2.0:User"),
    definitionsFolderCode: markdownCode(definitionsFolderName(model)),
  };
}

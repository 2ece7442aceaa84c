import type { Check } from "../check.js";
import { attributeChecks } from "./attributes.js";
import { authenticationChecks } from "./authentication.js";
import { errorChecks } from "./errors.js";
import { listResponseChecks } from "./list-response.js";
import { mediaTypeChecks } from "./media-type.js";
import { metaChecks } from "./meta.js";
import { methodChecks } from "./methods.js";
import { resourceTypeChecks } from "./resource-types.js";
import { routeChecks } from "./routes.js";
import { schemaChecks } from "./schemas.js";
import { serviceProviderConfigChecks } from "./service-provider-config.js";

/** Every check, in report order: the order a client meets the endpoints, then cross-cutting rules. */
export const allChecks: readonly Check[] = [
  ...routeChecks,
  ...mediaTypeChecks,
  ...errorChecks,
  ...listResponseChecks,
  ...serviceProviderConfigChecks,
  ...resourceTypeChecks,
  ...schemaChecks,
  ...attributeChecks,
  ...metaChecks,
  ...authenticationChecks,
  ...methodChecks,
];

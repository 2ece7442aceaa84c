// The attribute rules the validation runtime needs (names, mutability, closed value lists), taken from
// the model so they cannot disagree with the compiled schemas or with /Schemas.

import type { Attribute, ResourceType } from "../../model/model.js";
import type { AttributeRule, ResourceRules } from "../../validation-runtime/types.js";
import { externalIdAttribute, idAttribute, metaAttribute } from "../openapi/resource-representation.js";

/** One attribute's rule, sub-attributes included. */
export function attributeRule(attr: Attribute): AttributeRule {
  const closed = attr.closedCanonicalValues && (attr.canonicalValues?.length ?? 0) > 0;
  return {
    name: attr.name,
    type: attr.type,
    multiValued: attr.multiValued,
    mutability: attr.mutability,
    returned: attr.returned,
    ...(attr.caseExact !== undefined ? { caseExact: attr.caseExact } : {}),
    ...(closed && attr.canonicalValues ? { closedValues: attr.canonicalValues } : {}),
    ...(attr.subAttributes !== undefined ? { subAttributes: attr.subAttributes.map(attributeRule) } : {}),
  };
}

/** The rules of a resource type: the RFC 7643 §3.1 common attributes (unless its schema declares them), its schema's, its extensions'. */
export function resourceRules(rt: ResourceType): ResourceRules {
  const declared = new Set(rt.schema.attributes.map((a) => a.name.toLowerCase()));
  const common = [idAttribute, externalIdAttribute, metaAttribute].filter((a) => !declared.has(a.name.toLowerCase()));
  return {
    resourceType: rt.name,
    schema: rt.schema.id,
    attributes: [...common, ...rt.schema.attributes].map(attributeRule),
    extensions: rt.schemaExtensions.map((e) => ({ schema: e.schema.id, attributes: e.schema.attributes.map(attributeRule) })),
  };
}

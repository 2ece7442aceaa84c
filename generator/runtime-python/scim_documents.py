# The shapes of the discovery documents (RFC 7643 §5–§7) and of a SCIM resource's common attributes
# (RFC 7643 §3.1), as TypedDicts with the JSON's own (camelCase) keys. Hand-written: they do not depend on the
# definitions, so the generated constants and resource types refer to them instead of repeating them.
# Optional keys sit in a `total=False` subclass (typing.NotRequired is Python 3.11+, and the runtime uses the
# standard library of 3.10 only).
from __future__ import annotations

from typing import List, Literal, TypedDict, Union

AttributeType = Literal["string", "boolean", "decimal", "integer", "dateTime", "reference", "binary", "complex"]
"""RFC 7643 §2.3 attribute data types."""

Mutability = Literal["readOnly", "readWrite", "immutable", "writeOnly"]
"""RFC 7643 §7 ``mutability``."""

Returned = Literal["always", "never", "default", "request"]
"""RFC 7643 §7 ``returned``."""

Uniqueness = Literal["none", "server", "global"]
"""RFC 7643 §7 ``uniqueness``."""


class _RequiredSchemaAttribute(TypedDict):
    name: str
    type: AttributeType
    multiValued: bool
    description: str
    required: bool
    mutability: Mutability
    returned: Returned


class SchemaAttribute(_RequiredSchemaAttribute, total=False):
    """One attribute definition of a Schema document, every characteristic explicit (RFC 7643 §7)."""

    caseExact: bool
    """Present for string, reference and binary attributes."""
    canonicalValues: List[Union[str, int, float, bool]]
    referenceTypes: List[str]
    """Present for reference attributes."""
    uniqueness: Uniqueness
    """Present for every type but complex."""
    subAttributes: List[SchemaAttribute]
    """Present for complex attributes."""


class DiscoveryMeta(TypedDict):
    """``meta`` of a discovery document; ``location`` is relative to the SCIM base until served."""

    resourceType: Literal["Schema", "ResourceType", "ServiceProviderConfig"]
    location: str


class SchemaDocument(TypedDict):
    """A Schema document (RFC 7643 §7)."""

    schemas: List[Literal["urn:ietf:params:scim:schemas:core:2.0:Schema"]]
    id: str
    name: str
    description: str
    attributes: List[SchemaAttribute]
    meta: DiscoveryMeta


class SchemaExtensionReference(TypedDict):
    """One ``schemaExtensions`` entry of a ResourceType (RFC 7643 §6)."""

    schema: str
    required: bool


class _RequiredResourceTypeDocument(TypedDict):
    schemas: List[Literal["urn:ietf:params:scim:schemas:core:2.0:ResourceType"]]
    id: str
    name: str
    endpoint: str
    schema: str
    schemaExtensions: List[SchemaExtensionReference]
    meta: DiscoveryMeta


class ResourceTypeDocument(_RequiredResourceTypeDocument, total=False):
    """A ResourceType document (RFC 7643 §6)."""

    description: str


class _RequiredAuthenticationScheme(TypedDict):
    type: Literal["oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest"]
    name: str
    description: str


class AuthenticationSchemeDocument(_RequiredAuthenticationScheme, total=False):
    """An authentication scheme of the ServiceProviderConfig (RFC 7643 §5)."""

    specUri: str
    documentationUri: str
    primary: bool


class Supported(TypedDict):
    """A feature of the ServiceProviderConfig that is only supported or not (RFC 7643 §5)."""

    supported: bool


class BulkFeature(TypedDict):
    """``bulk`` of the ServiceProviderConfig (RFC 7643 §5)."""

    supported: bool
    maxOperations: int
    maxPayloadSize: int


class FilterFeature(TypedDict):
    """``filter`` of the ServiceProviderConfig (RFC 7643 §5)."""

    supported: bool
    maxResults: int


class _RequiredServiceProviderConfig(TypedDict):
    schemas: List[Literal["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]]
    patch: Supported
    bulk: BulkFeature
    filter: FilterFeature
    changePassword: Supported
    sort: Supported
    etag: Supported
    authenticationSchemes: List[AuthenticationSchemeDocument]
    meta: DiscoveryMeta


class ServiceProviderConfigDocument(_RequiredServiceProviderConfig, total=False):
    """The ServiceProviderConfig document (RFC 7643 §5): every feature present, even when unsupported."""

    documentationUri: str


class ResourceMeta(TypedDict, total=False):
    """``meta`` of a SCIM resource (RFC 7643 §3.1)."""

    resourceType: str
    created: str
    lastModified: str
    location: str
    version: str


class _RequiredScimResource(TypedDict):
    schemas: List[str]
    """The schema URNs this resource carries: its base schema and any extensions present."""


class ScimResource(_RequiredScimResource, total=False):
    """The common attributes of every SCIM resource (RFC 7643 §3.1)."""

    id: str
    """Assigned by the service provider; readOnly, returned always."""
    externalId: str
    """The provisioning client's own identifier for the resource."""
    meta: ResourceMeta
    """Assigned by the service provider; readOnly."""

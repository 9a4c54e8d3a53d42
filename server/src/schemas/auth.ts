import { Type, type Static } from '@sinclair/typebox';

/** What a key may do: read ⊂ write ⊂ admin (admin implies write, write implies read). */
export const SCOPES = ['read', 'write', 'admin'] as const;
export const Scope = Type.Union(SCOPES.map((s) => Type.Literal(s)), { description: 'read, write or admin.' });
export type Scope = Static<typeof Scope>;

export const Organization = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  isOperator: Type.Boolean({ description: 'The installation operator\'s organisation (its admins may create organisations).' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Organization = Static<typeof Organization>;

export const ApiKeyInfo = Type.Object({
  id: Type.String({ description: 'Public key id (the part after glca_ in the key).' }),
  orgId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ApiKeyInfo = Static<typeof ApiKeyInfo>;

/** A key as returned once, when it is created: the secret is never stored, only its hash. */
export const NewApiKey = Type.Object({
  ...ApiKeyInfo.properties,
  key: Type.String({ description: 'The bearer token. Shown once; store it now.' }),
});
export type NewApiKey = Static<typeof NewApiKey>;

export const CreateApiKey = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }),
});
export type CreateApiKey = Static<typeof CreateApiKey>;

export const CreateOrganization = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  adminKeyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const Whoami = Type.Object({
  organization: Organization,
  key: ApiKeyInfo,
});

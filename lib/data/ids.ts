const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a uuid, as ids of users, accounts and API keys are: checked before it reaches a ::uuid cast. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** The report link the forms post back; every action checks it against the database. */
export interface ReportLinkFields {
  id: string;
  auth: string;
}

/** Field name → the label shown beside it, for the error summary's links. */
export type FieldLabels = Record<string, string>;

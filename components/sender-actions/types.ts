/** The report link the forms post back; every action checks it against the database. */
export interface ReportLinkFields {
  id: string;
  auth: string;
}

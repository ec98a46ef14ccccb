/** The REPORT_LINK_KEY every test process, and every app or script a test starts, seals report links with. */
export const TEST_REPORT_LINK_KEY = "test-only-report-link-key-0123456789abcdef";

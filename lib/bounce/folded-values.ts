/** Length of the secrets Block Reports issues: 32 random bytes in unpadded base64url. */
const ISSUED_SECRET_LENGTH = 43;
const MIN_SECRET_LENGTH = 22;
const MAX_SECRET_LENGTH = 128;

const LINE_BREAK = /=?[ \t]*(?:\r\n?|\n)[ \t]*/g;

export function removeLineBreaks(value: string): string {
  return value.replace(LINE_BREAK, "");
}

/**
 * The pattern lets a secret run on over line breaks, because wrapping and QP soft breaks
 * fold long links. That also glues a complete secret to a word that merely starts the
 * next line ("…auth=<secret>\nThanks"). Each line break is a place where the secret may
 * really end. A secret of the issued length is the relay's; otherwise the shortest valid
 * reading is, since what follows a break is more likely text than the rest of a secret.
 * Nothing is appended once the issued length is reached.
 */
export function chooseFoldedSecret(folded: string): string | undefined {
  const readings: string[] = [];
  let secret = "";
  for (const line of folded.split(LINE_BREAK)) {
    if (secret.length >= ISSUED_SECRET_LENGTH) break;
    secret += line;
    if (secret.length >= MIN_SECRET_LENGTH && secret.length <= MAX_SECRET_LENGTH) {
      readings.push(secret);
    }
  }
  return readings.find((reading) => reading.length === ISSUED_SECRET_LENGTH) ?? readings[0];
}

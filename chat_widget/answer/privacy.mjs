// Personal details are taken out of a message before it goes to any language model:
// e-mail addresses, phone numbers, and ID-like numbers (passport, IBAN, social insurance).
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
// A run of 6 or more digits, allowing spaces, dots, dashes, slashes and a leading +.
const PHONE_OR_NUMBER = /\+?\d(?:[\d\s./-]{4,}\d)/g;
const ID_LIKE = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b/g;

export const REMOVED = "[removed]";

function digits(text) {
  return (text.match(/\d/g) || []).length;
}

export function removePersonalDetails(text) {
  return text
    .replace(EMAIL, REMOVED)
    .replace(IBAN, REMOVED)
    .replace(PHONE_OR_NUMBER, (found) => (digits(found) >= 6 ? REMOVED : found))
    .replace(ID_LIKE, REMOVED);
}

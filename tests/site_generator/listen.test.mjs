// The read-aloud component's pure parts: which voice reads a page, and what the voice is
// given to read (phone numbers digit by digit, everything else left alone).
import { test } from "node:test";
import assert from "node:assert/strict";

import { parseTag, voiceFor } from "../../site_generator/components/listen/listen.mjs";
import { isPhoneNumber, phoneDigits, pieces, spokenPhone, spokenText }
  from "../../site_generator/components/listen/spoken-text.mjs";

const voice = (lang, extra = {}) => ({ name: `voice ${lang}`, lang, localService: true, default: false, ...extra });
const nameOf = (found) => found && found.name;
// The footer of every page links these (portal.yaml: emergency numbers and help contacts).
const KNOWN = new Set(["112", "0800222555", "142", "433165550100", "1450"]);

test("a language tag, with the underscores and old codes some systems give voices", () => {
  assert.deepEqual(parseTag("pt_BR"), { language: "pt", script: "", region: "BR" });
  assert.deepEqual(parseTag("zh-Hans"), { language: "zh", script: "Hans", region: "" });
  assert.deepEqual(parseTag("zh-TW"), { language: "zh", script: "Hant", region: "TW" });
  assert.deepEqual(parseTag("cmn-Hans-CN"), { language: "zh", script: "Hans", region: "CN" });
  assert.deepEqual(parseTag("in-ID"), { language: "id", script: "", region: "ID" });
  assert.deepEqual(parseTag("ES-419"), { language: "es", script: "", region: "419" });
  assert.deepEqual(parseTag(""), { language: "", script: "", region: "" });
});

test("a voice is found by the primary language: ar-SA reads ar, fa-IR reads fa, en-GB reads en", () => {
  const voices = [voice("en-GB"), voice("ar-SA"), voice("fa-IR"), voice("th-TH"), voice("ja-JP"), voice("uk-UA")];
  for (const [page, expected] of [["ar", "ar-SA"], ["fa", "fa-IR"], ["en", "en-GB"], ["th", "th-TH"], ["ja", "ja-JP"],
                                  ["uk", "uk-UA"]]) {
    assert.equal(nameOf(voiceFor(page, voices)), `voice ${expected}`, page);
  }
  assert.equal(voiceFor("vi", voices), null, "no Vietnamese voice: nothing, not some other voice");
  assert.equal(voiceFor("ar", [voice("arz-EG"), voice("en-US")]), null, "another language that starts alike is not it");
});

test("Simplified Chinese is read by a mainland or Singapore voice, never by a Taiwan or Hong Kong one", () => {
  assert.equal(voiceFor("zh-Hans", [voice("zh-TW"), voice("zh-HK")]), null);
  assert.equal(nameOf(voiceFor("zh-Hans", [voice("zh-TW"), voice("zh-HK"), voice("zh-CN")])), "voice zh-CN");
  assert.equal(nameOf(voiceFor("zh-Hans", [voice("zh_TW"), voice("zh_SG")])), "voice zh_SG");
  assert.equal(nameOf(voiceFor("zh-Hans", [voice("zh")])), "voice zh", "a voice that names no region or script");
  assert.equal(voiceFor("zh-Hans", [voice("yue-HK")]), null, "Cantonese is another language");
});

test("the region of the page is preferred, another region of the language still reads it", () => {
  assert.equal(nameOf(voiceFor("pt-BR", [voice("pt-PT"), voice("pt_BR")])), "voice pt_BR");
  assert.equal(nameOf(voiceFor("pt-BR", [voice("pt-PT")])), "voice pt-PT");
  assert.equal(nameOf(voiceFor("id", [voice("in_ID")])), "voice in_ID");
  assert.equal(nameOf(voiceFor("en", [voice("en-US"), voice("en-GB", { default: true })])), "voice en-GB",
               "among equals, the device's default voice");
});

test("only voices on the device: a network voice would send the page's text to another company", () => {
  assert.equal(voiceFor("en", [voice("en-US", { localService: false })]), null);
  assert.equal(nameOf(voiceFor("en", [voice("en-US", { localService: false, name: "net" }), voice("en-GB")])), "voice en-GB");
});

test("the text of a tel: link: digit by digit, a pause between groups, + said as a word", () => {
  assert.equal(spokenPhone("+43 316 555 0100", "plus"), "plus 4 3, 3 1 6, 5 5 5, 0 1 0 0");
  assert.equal(spokenPhone("0800 222 555"), "0 8 0 0, 2 2 2, 5 5 5");
  assert.equal(spokenPhone("112"), "1 1 2");
  assert.equal(spokenPhone("+43 316 555 0100", "زائد"), "زائد 4 3, 3 1 6, 5 5 5, 0 1 0 0");
  assert.equal(spokenPhone("Call us"), "Call us", "a link without digits is read as it is");
});

test("phone numbers in running text are read digit by digit", () => {
  const said = (text) => spokenText(text, KNOWN, "plus");
  assert.equal(said("Call +43 316 555 0100 today."), "Call plus 4 3, 3 1 6, 5 5 5, 0 1 0 0 today.");
  assert.equal(said("The help line 0800 222 555 is free."), "The help line 0 8 0 0, 2 2 2, 5 5 5 is free.");
  assert.equal(said("Ring (0316) 555-0199."), "Ring 0 3 1 6, 5 5 5, 0 1 9 9.");
  assert.equal(said("Ring 0316/555 0199"), "Ring 0 3 1 6, 5 5 5, 0 1 9 9");
  assert.equal(said("Fax 0800222999!"), "Fax 0 8 0 0 2 2 2 9 9 9!");
  assert.equal(said("Ring 316 555 0199"), "Ring 3 1 6, 5 5 5, 0 1 9 9", "three groups, not thousands");
  assert.equal(said("In an emergency, call 112."), "In an emergency, call 1 1 2.");
  assert.equal(said("Call the health advice line on 1450. A nurse answers."),
               "Call the health advice line on 1 4 5 0. A nurse answers.");
  assert.equal(said("(call 142)"), "(call 1 4 2)");
  assert.equal(said("Website: https://example.org/clinic"), "Website: example.org/clinic", "no “https://” read out");
});

test("dates, years, times, prices, house numbers and postcodes are left alone", () => {
  const unchanged = [
    "Valid until 2026-09-14.", "Valid until 14.09.2026.", "Valid until 06/10/2026.", "Card valid until 09/2026.",
    "Born in 1985.", "From 2026-2027.", "Open 09:00–12:30.", "It costs 95 euros.", "It costs € 112.",
    "It costs 112 €.", "It costs 1 500 000 euros.", "It costs 1.500.000 euros.", "It costs 112,50 euros.",
    "Hauptplatz 12, 8010 Harborough", "Room 1120", "Take bus 142a.", "Up to 14.5%.", "47.0702, 15.4339",
    "About 150 000 people", "Step 2 of 5", "Call 11 or 12.", "Model A112", "It costs 1,112 euros.",
  ];
  for (const text of unchanged) assert.equal(spokenText(text, KNOWN, "plus"), text, text);
  assert.equal(isPhoneNumber("112", KNOWN, "It costs 1,", " euros"), false, "the end of a larger number");
});

test("digits of other scripts: Arabic-Indic, Persian, Thai, full-width", () => {
  assert.equal(phoneDigits("+٤٣ ٣١٦ ٥٥٥ ٠١٠٠"), "433165550100");
  assert.equal(phoneDigits("۰۸۰۰ ۲۲۲ ۵۵۵"), "0800222555");
  assert.equal(phoneDigits("๑๑๒"), "112");
  assert.equal(phoneDigits("１１２"), "112");
  assert.equal(spokenText("اتصل بالرقم ١١٢.", KNOWN), "اتصل بالرقم ١ ١ ٢.");
  assert.equal(spokenText("با ۰۸۰۰ ۲۲۲ ۵۵۵ تماس بگیرید", KNOWN), "با ۰ ۸ ۰ ۰, ۲ ۲ ۲, ۵ ۵ ۵ تماس بگیرید");
  assert.equal(spokenText("تاريخ ١٤٫٥", KNOWN), "تاريخ ١٤٫٥", "a decimal with the Arabic separator");
  assert.equal(spokenText("โทร ๑๑๒ ได้ตลอด", KNOWN), "โทร ๑ ๑ ๒ ได้ตลอด");
});

test("no spaces needed around a number: Chinese, Japanese and Thai", () => {
  assert.equal(spokenText("遇到紧急情况，请拨打112或者去医院。", KNOWN), "遇到紧急情况，请拨打1 1 2或者去医院。");
  assert.equal(spokenText("緊急の場合は１１２に電話してください。", KNOWN), "緊急の場合は１ １ ２に電話してください。");
  assert.equal(spokenText("โทร112ได้ตลอด", KNOWN), "โทร1 1 2ได้ตลอด");
  assert.equal(spokenText("2026年10月6日", KNOWN), "2026年10月6日");
  assert.equal(spokenText("费用为112元", KNOWN), "费用为1 1 2元", "a currency word cannot be told from text; a sign can");
});

test("long text is cut at sentence ends into pieces an engine takes whole", () => {
  const sentence = "You can apply up to three months before your card ends. ";
  const text = sentence.repeat(20);
  const cut = pieces(text, "en", 240);
  assert.ok(cut.length > 1);
  assert.ok(cut.every((piece) => piece.length <= 240 && piece.endsWith(".")), cut.join("|"));
  assert.equal(cut.join(" "), text.trim());
  assert.deepEqual(pieces("  Short   text. ", "en"), ["Short text."]);
  assert.deepEqual(pieces(" \n ", "en"), []);
  const thai = "ผู้ที่ย้ายมาอยู่ใหม่ต้องลงทะเบียนที่อยู่ภายในสามวัน".repeat(12);
  const thaiCut = pieces(thai, "th", 100);
  assert.ok(thaiCut.length > 1 && thaiCut.every((piece) => piece.length <= 100), "Thai is cut at word ends");
  assert.equal(thaiCut.join(""), thai);
});

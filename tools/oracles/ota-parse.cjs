// Reads OTA files with zigbee-herdsman's OTA parser. Input: file paths as arguments. Output: a JSON array,
// one entry per file: {"ok": true, "header": {...}, "elements": [{"tagId", "length", "hex"}]} or {"ok": false, "error"}.
const fs = require("fs");
const ota = require("zigbee-herdsman/dist/controller/helpers/ota");

const out = process.argv.slice(2).map((path) => {
    try {
        const image = ota.parseOtaImage(fs.readFileSync(path));
        const header = { ...image.header };
        if (header.upgradeFileDestination) {
            header.upgradeFileDestination = Buffer.from(header.upgradeFileDestination).toString("hex");
        }
        const elements = image.elements.map((e) => ({ tagId: e.tagId, length: e.data.length, hex: Buffer.from(e.data).toString("hex") }));
        return { ok: true, header, elements };
    } catch (e) {
        return { ok: false, error: String(e && e.message ? e.message : e) };
    }
});
process.stdout.write(JSON.stringify(out));

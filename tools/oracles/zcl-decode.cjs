// Decodes ZCL frames with zigbee-herdsman's codec. Input on stdin: a JSON array of
// {"cluster": number, "hex": string}. Output: a JSON array, one entry per frame:
// {"ok": true, "header": {...}, "command": name, "payload": {...}} or {"ok": false, "error": message}.
const zcl = require("zigbee-herdsman/dist/zspec/zcl");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
    const frames = JSON.parse(input);
    const out = frames.map(({ cluster, hex }) => {
        try {
            const buffer = Buffer.from(hex, "hex");
            const header = zcl.Header.fromBuffer(buffer);
            if (!header) {
                return { ok: false, error: "herdsman could not read a ZCL header" };
            }
            const frame = zcl.Frame.fromBuffer(cluster, header, buffer, {});
            return { ok: true, header: frame.header, command: frame.command.name, payload: frame.payload };
        } catch (e) {
            return { ok: false, error: String(e && e.message ? e.message : e) };
        }
    });
    process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "bigint" ? v.toString() : v)));
});

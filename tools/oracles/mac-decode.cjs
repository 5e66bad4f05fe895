// Decodes IEEE 802.15.4 MAC headers with zigbee-on-host's MAC codec. Input on stdin: a JSON array of hex
// strings, each a whole PSDU with its FCS. Output: a JSON array of {"ok": true, "fc": {...}, "header": {...}}
// or {"ok": false, "error": message}.
const mac = require("zigbee-on-host/dist/zigbee/mac");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
    const frames = JSON.parse(input);
    const out = frames.map((hex) => {
        try {
            const data = Buffer.from(hex, "hex");
            const [fc, afterFc] = mac.decodeMACFrameControl(data, 0);
            const [header] = mac.decodeMACHeader(data, afterFc, fc);
            return { ok: true, fc, header };
        } catch (e) {
            return { ok: false, error: String(e && e.message ? e.message : e) };
        }
    });
    process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "bigint" ? v.toString() : v)));
});

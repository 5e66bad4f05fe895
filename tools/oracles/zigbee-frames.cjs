// Decodes Zigbee NWK and APS frames and computes the Zigbee security primitives with zigbee-on-host's codecs.
// Input on stdin: a JSON array of requests; output: a JSON array of results, one per request, each
// {"ok": true, ...} or {"ok": false, "error": message}. Requests:
//   {"op": "nwk", "hex": NWK frame, "key": NWK key}            -> frame control, header, decrypted payload
//   {"op": "aps", "hex": APS frame, "key": link key, "source64": decimal EUI-64 of the NWK source}
//                                                              -> frame control, header, decrypted payload
//   {"op": "installCode", "hex": code without CRC}             -> crc, key
//   {"op": "mmo", "hex": message}                              -> hash
//   {"op": "keyedHash", "key": key, "input": byte}             -> hash
const nwk = require("zigbee-on-host/dist/zigbee/zigbee-nwk");
const aps = require("zigbee-on-host/dist/zigbee/zigbee-aps");
const zigbee = require("zigbee-on-host/dist/zigbee/zigbee");

function handle(r) {
    switch (r.op) {
        case "nwk": {
            const data = Buffer.from(r.hex, "hex");
            const [fc, afterFc] = nwk.decodeZigbeeNWKFrameControl(data, 0);
            const [header, afterHeader] = nwk.decodeZigbeeNWKHeader(data, afterFc, fc);
            const payload = nwk.decodeZigbeeNWKPayload(data, afterHeader, r.key ? Buffer.from(r.key, "hex") : undefined, undefined, fc, header);
            return { fc, header, payloadOffset: afterHeader, payload: payload.toString("hex") };
        }
        case "aps": {
            const data = Buffer.from(r.hex, "hex");
            const [fc, afterFc] = aps.decodeZigbeeAPSFrameControl(data, 0);
            const [header, afterHeader] = aps.decodeZigbeeAPSHeader(data, afterFc, fc);
            const source64 = r.source64 !== undefined ? BigInt(r.source64) : undefined;
            const payload = aps.decodeZigbeeAPSPayload(data, afterHeader, r.key ? Buffer.from(r.key, "hex") : undefined, source64, fc, header);
            return { fc, header, payload: payload.toString("hex") };
        }
        case "installCode": {
            const code = Buffer.from(r.hex, "hex");
            const crc = zigbee.computeInstallCodeCRC(code);
            const withCrc = Buffer.alloc(code.length + 2);
            code.copy(withCrc, 0);
            withCrc.writeUInt16LE(crc, code.length);
            return { crc, key: zigbee.aes128MmoHash(withCrc).toString("hex") };
        }
        case "mmo":
            return { hash: zigbee.aes128MmoHash(Buffer.from(r.hex, "hex")).toString("hex") };
        case "keyedHash":
            return { hash: zigbee.makeKeyedHash(Buffer.from(r.key, "hex"), r.input).toString("hex") };
        default:
            throw new Error("unknown op " + r.op);
    }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
    const out = JSON.parse(input).map((r) => {
        try {
            return { ok: true, ...handle(r) };
        } catch (e) {
            return { ok: false, error: String(e && e.message ? e.message : e) };
        }
    });
    process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "bigint" ? v.toString() : v)));
});

#!/usr/bin/env node
// A test charge point built on an independent OCPP-J library (ocpp-rpc) in strict mode.
//
// Strict mode makes ocpp-rpc validate, against the official OCPP 1.6 JSON schemas bundled with it,
// every CALL it sends, every CALLRESULT it receives (the server's answers), every CALL it receives (the
// server's requests) and every CALLRESULT it sends. Any schema violation makes this script exit non-zero.
//
// usage: node strict-charge-point.mjs <wsBaseUrl> <chargePointId> <password> inbound
//        node strict-charge-point.mjs <wsBaseUrl> <chargePointId> <password> outbound <N>
//
//   wsBaseUrl   e.g. ws://127.0.0.1:8080/ocpp (the charge point id is appended by ocpp-rpc)
//   inbound     sends every charge point -> central system message the server supports and prints each
//               answer as a JSON line {"action":..., "response":...}
//   outbound    boots, answers the server's operations, prints READY, waits for N server CALLs (30 s at most),
//               then prints each as a JSON line {"received":..., "payload":..., "reply":...}
//
// The last stdout line is {"result":"ok",...} on success. Exit codes: 0 ok, 1 a call failed or a payload
// violated the schemas, 2 usage, 3 strict mode is not in force, 4 could not connect.

import { createRequire } from 'node:module';
import ocppRpc from 'ocpp-rpc';

const { RPCClient, RPCServer } = ocppRpc;
const PROTOCOL = 'ocpp1.6';
const OUTBOUND_WAIT_MS = 30_000;

const [wsBaseUrl, chargePointId, password, scenario, countArg] = process.argv.slice(2);
if (!wsBaseUrl || !chargePointId || password === undefined || !['inbound', 'outbound'].includes(scenario)
        || (scenario === 'outbound' && !(Number.parseInt(countArg, 10) > 0))) {
    console.error('usage: strict-charge-point.mjs <wsBaseUrl> <chargePointId> <password> inbound|outbound <N>');
    process.exit(2);
}

const out = (object) => process.stdout.write(JSON.stringify(object) + '\n');
const violations = [];
const failures = [];
let deliberateViolation = false; // set while this script sends an invalid CALL on purpose

function strictClient(endpoint, identity, pass) {
    return new RPCClient({
        endpoint,
        identity,
        password: pass,
        protocols: [PROTOCOL],
        strictMode: true,
        reconnect: false,
        callTimeoutMs: 20_000,
    });
}

function describe(error) {
    return {
        name: error?.name,
        code: error?.rpcErrorCode ?? error?.code,
        message: error?.message,
        details: error?.details?.errors ?? undefined,
    };
}

function watchViolations(client) {
    client.on('strictValidationFailure', (event) => {
        if (deliberateViolation && event.outbound) {
            return;
        }
        const violation = {
            direction: event.outbound ? 'sent by this charge point' : 'sent by the server',
            kind: event.isCall ? 'CALL' : 'CALLRESULT',
            method: event.method,
            messageId: event.messageId,
            params: event.params,
            result: event.result,
            error: describe(event.error),
        };
        violations.push(violation);
        console.error('SCHEMA VIOLATION ' + JSON.stringify(violation));
    });
    const sentCalls = new Map(); // message id -> action of our CALLs, to name the server's CALLRESULTs
    client.on('message', ({ message, outbound }) => {
        let frame;
        try {
            frame = JSON.parse(String(message));
        } catch {
            return; // a frame that is not JSON is reported by ocpp-rpc as a bad message
        }
        if (outbound) {
            if (frame[0] === 2) {
                sentCalls.set(frame[1], frame[2]);
            }
            return;
        }
        const payload = frame[0] === 2 ? frame[3] : frame[0] === 3 ? frame[2] : undefined;
        for (const bad of dateTimesWithoutOffset(payload)) {
            const violation = {
                direction: 'sent by the server',
                kind: frame[0] === 2 ? 'CALL' : 'CALLRESULT',
                method: frame[0] === 2 ? frame[2] : sentCalls.get(frame[1]),
                messageId: frame[1],
                error: { message: `${bad.path} '${bad.value}' is not an RFC 3339 date-time with an offset` },
            };
            violations.push(violation);
            console.error('SCHEMA VIOLATION ' + JSON.stringify(violation));
        }
    });
    client.on('badMessage', ({ buffer, error }) => {
        failures.push({ badMessage: String(buffer), error: describe(error) });
        console.error('BAD MESSAGE from server: ' + String(buffer) + ' ' + error?.message);
    });
}

// --- one check stricter than the library ---------------------------------------------------------------
//
// ocpp-rpc checks "format": "date-time" with ajv-formats 2.x, which accepts a date-time without a UTC offset
// ("2026-01-01T10:00:00"). JSON Schema's date-time is RFC 3339's date-time, whose offset is required, so every
// date-time property (names taken from the same bundled schemas) the server sends is checked for that too.
const OCPP16_SCHEMAS = createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp1_6.json');
const DATE_TIME_PROPERTIES = new Set();
(function collect(schema, name) {
    if (Array.isArray(schema)) {
        schema.forEach((item) => collect(item));
    } else if (schema && typeof schema === 'object') {
        if (schema.format === 'date-time' && name) {
            DATE_TIME_PROPERTIES.add(name);
        }
        Object.entries(schema.properties ?? {}).forEach(([key, value]) => collect(value, key));
        Object.entries(schema.definitions ?? {}).forEach(([key, value]) => collect(value, key));
        if (schema.items) {
            collect(schema.items, name);
        }
    }
})(OCPP16_SCHEMAS);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function dateTimesWithoutOffset(value, path = '') {
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => dateTimesWithoutOffset(item, `${path}/${index}`));
    }
    if (value && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) =>
            (DATE_TIME_PROPERTIES.has(key) && typeof item === 'string' && !RFC3339.test(item)
                ? [{ path: `${path}/${key}`, value: item }] : dateTimesWithoutOffset(item, `${path}/${key}`)));
    }
    return [];
}

// --- proof that strict mode is really in force, before anything else -------------------------------------
//
// A loopback ocpp-rpc server (not strict, 127.0.0.1, random port) sends a strict client built by the same
// factory (1) a CALLRESULT and (2) a CALL that violate the OCPP 1.6 schemas; the client must reject both.
// (3) The client must refuse to send an invalid CALL itself: the server must never see it.
async function proveStrictModeIsOn() {
    const server = new RPCServer({ protocols: [PROTOCOL], strictMode: false });
    const seenByServer = [];
    const serverCallAnswered = new Promise((resolve) => {
        server.on('client', async (serverClient) => {
            serverClient.handle('BootNotification', () => ({ status: 'Maybe', currentTime: 'yesterday', interval: '300' }));
            serverClient.handle(({ method }) => {
                seenByServer.push(method);
                return method === 'DataTransfer' ? { status: 'Accepted' } : {};
            });
            // a Reset with a type the schema does not allow
            resolve(serverClient.call('Reset', { type: 'Gentle' }).then(
                () => ({ rejected: false }),
                (error) => ({ rejected: true, code: error.rpcErrorCode })));
        });
    });
    const httpServer = await server.listen(0, '127.0.0.1');
    const { port } = httpServer.address();
    const probe = strictClient(`ws://127.0.0.1:${port}`, 'strict-mode-probe');
    const probeViolations = [];
    probe.on('strictValidationFailure', (event) => probeViolations.push(event));
    probe.handle('Reset', () => ({ status: 'Accepted' }));
    const problems = [];
    try {
        await probe.connect();
        if (probe.protocol !== PROTOCOL) {
            problems.push(`negotiated '${probe.protocol}' instead of ${PROTOCOL}`);
        }
        // (1) an invalid CALLRESULT from the server is rejected
        const invalidAnswer = await probe.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })
            .then(() => null, (error) => error);
        if (!invalidAnswer) {
            problems.push('an invalid BootNotification.conf was accepted');
        }
        // (2) an invalid CALL from the server is rejected with a CALLERROR (the handler answering Accepted is not run)
        const serverCall = await serverCallAnswered;
        if (!serverCall.rejected) {
            problems.push('an invalid Reset.req from the server was accepted');
        }
        // (3) an invalid outgoing CALL is rejected locally, before it is sent
        const invalidCall = await probe.call('Heartbeat', { unexpected: true }).then(() => null, (error) => error);
        if (!invalidCall) {
            problems.push('an invalid Heartbeat.req was sent');
        }
        await probe.call('DataTransfer', { vendorId: 'probe' }); // a valid call flushes the queue in order
        if (seenByServer.includes('Heartbeat')) {
            problems.push('the invalid Heartbeat.req reached the server');
        }
        if (probeViolations.length !== 3) {
            problems.push(`expected 3 strict validation failures, got ${probeViolations.length}`);
        }
    } catch (error) {
        problems.push('strict-mode probe failed: ' + error.message);
    } finally {
        await probe.close({ force: true }).catch(() => {});
        await server.close({ force: true }).catch(() => {});
    }
    return problems;
}

// --- the charge point's answers to the server's operations ------------------------------------------------

const CONFIGURATION = { HeartbeatInterval: '300', MeterValueSampleInterval: '60', NumberOfConnectors: '2' };
const READ_ONLY = new Set(['NumberOfConnectors']);

const replies = {
    RemoteStartTransaction: () => ({ status: 'Accepted' }),
    RemoteStopTransaction: () => ({ status: 'Rejected' }),
    Reset: () => ({ status: 'Accepted' }),
    ChangeAvailability: () => ({ status: 'Scheduled' }),
    ChangeConfiguration: () => ({ status: 'Accepted' }),
    GetConfiguration: (params) => {
        const keys = params.key ?? Object.keys(CONFIGURATION);
        const configurationKey = keys.filter((key) => key in CONFIGURATION)
            .map((key) => ({ key, readonly: READ_ONLY.has(key), value: CONFIGURATION[key] }));
        const unknownKey = keys.filter((key) => !(key in CONFIGURATION));
        return { configurationKey, unknownKey };
    },
    ClearCache: () => ({ status: 'Accepted' }),
    UnlockConnector: () => ({ status: 'Unlocked' }),
    TriggerMessage: () => ({ status: 'Accepted' }),
    DataTransfer: (params) => ({ status: 'Accepted', data: `pong:${params.messageId ?? ''}` }),
};

const now = () => new Date().toISOString();

function bootPayload() {
    return {
        chargePointVendor: 'ChargeLedger',
        chargePointModel: 'StrictPoint 16J',
        chargePointSerialNumber: 'SP-0001',
        chargeBoxSerialNumber: 'SB-0001',
        firmwareVersion: '2.2.1-strict',
        iccid: '89310410106543789301',
        imsi: '310150123456789',
        meterType: 'StrictMeter DC',
        meterSerialNumber: 'SM-0001',
    };
}

// What a charge point sends when a TriggerMessage asked for it (MeterValues needs a transaction: not here).
const triggered = {
    BootNotification: () => ['BootNotification', bootPayload()],
    Heartbeat: () => ['Heartbeat', {}],
    StatusNotification: (connectorId) => ['StatusNotification',
        { connectorId: connectorId ?? 0, errorCode: 'NoError', status: 'Available', timestamp: now() }],
    DiagnosticsStatusNotification: () => ['DiagnosticsStatusNotification', { status: 'Idle' }],
    FirmwareStatusNotification: () => ['FirmwareStatusNotification', { status: 'Idle' }],
};

async function callAndRecord(client, action, payload, sink) {
    try {
        const response = await client.call(action, payload);
        sink.push({ action, response });
        return response;
    } catch (error) {
        failures.push({ action, request: payload, error: describe(error) });
        console.error(`${action} failed: ${JSON.stringify(describe(error))}`);
        return undefined;
    }
}

function registerHandlers(client, received, followUps, onReceived) {
    for (const [action, reply] of Object.entries(replies)) {
        client.handle(action, ({ params }) => {
            const answer = reply(params);
            received.push({ received: action, payload: params, reply: answer });
            if (action === 'TriggerMessage' && triggered[params.requestedMessage]) {
                const [message, payload] = triggered[params.requestedMessage](params.connectorId);
                // sent after our CALLRESULT (the call queue of the client runs it once the socket is free)
                followUps.push(new Promise((resolve) => setImmediate(resolve))
                    .then(() => callAndRecord(client, message, payload, followUpAnswers)));
            }
            onReceived();
            return answer;
        });
    }
    // a CALL the server sent that this charge point does not implement is a failure of the test, not of the schema
    client.handle(({ method, params }) => {
        failures.push({ unexpectedCall: method, payload: params });
        onReceived();
        throw ocppRpc.createRPCError('NotImplemented', `${method} is not implemented by this test charge point`);
    });
    // a CALL of the server that violates the schema never reaches a handler: count it as received too
    client.on('strictValidationFailure', (event) => {
        if (!event.outbound && event.isCall) {
            onReceived();
        }
    });
}

const followUpAnswers = [];

async function main() {
    const strictProblems = await proveStrictModeIsOn();
    if (strictProblems.length > 0) {
        console.error('strict mode is NOT in force: ' + strictProblems.join('; '));
        return 3;
    }
    out({ strictMode: 'verified', protocol: PROTOCOL });

    const client = strictClient(wsBaseUrl, chargePointId, password);
    watchViolations(client);
    const received = [];
    const followUps = [];
    const expected = scenario === 'outbound' ? Number.parseInt(countArg, 10) : 0;
    let allReceived;
    const allArrived = new Promise((resolve) => { allReceived = resolve; });
    let count = 0;
    registerHandlers(client, received, followUps, () => {
        count += 1;
        if (expected > 0 && count >= expected) {
            allReceived(true);
        }
    });

    try {
        await client.connect();
    } catch (error) {
        console.error(`cannot connect to ${wsBaseUrl}/${chargePointId}: ${error.code ?? ''} ${error.message}`);
        return 4;
    }
    if (client.protocol !== PROTOCOL) {
        console.error(`server selected subprotocol '${client.protocol}', expected ${PROTOCOL}`);
        await client.close({ force: true });
        return 1;
    }
    // once more against the real server: an invalid CALL is refused locally and never reaches the socket
    let sentFrames = 0;
    const countSent = ({ outbound }) => { if (outbound) sentFrames += 1; };
    client.on('message', countSent);
    let localRejections = 0;
    const countRejection = (event) => { if (event.outbound && event.isCall) localRejections += 1; };
    client.on('strictValidationFailure', countRejection);
    deliberateViolation = true;
    const refused = await client.call('BootNotification', { chargePointVendor: 42 }).then(() => false, () => true);
    deliberateViolation = false;
    client.off('message', countSent);
    client.off('strictValidationFailure', countRejection);
    if (!refused || sentFrames !== 0 || localRejections !== 1) {
        console.error('strict mode is NOT in force on the server connection: an invalid BootNotification was '
            + (refused ? 'refused but a frame was sent' : 'sent'));
        await client.close({ force: true });
        return 3;
    }

    const answers = [];
    const boot = await callAndRecord(client, 'BootNotification', bootPayload(), answers);
    if (scenario === 'inbound') {
        await callAndRecord(client, 'Heartbeat', {}, answers);
        await callAndRecord(client, 'StatusNotification', {
            connectorId: 0, errorCode: 'NoError', status: 'Available', timestamp: now(),
            info: 'strict test', vendorId: 'io.chargeledger.test', vendorErrorCode: 'none',
        }, answers);
        await callAndRecord(client, 'StatusNotification',
            { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: now() }, answers);
        await callAndRecord(client, 'DataTransfer',
            { vendorId: 'io.chargeledger.test', messageId: 'strict', data: '{"hello":"world"}' }, answers);
        await callAndRecord(client, 'DiagnosticsStatusNotification', { status: 'Idle' }, answers);
        await callAndRecord(client, 'FirmwareStatusNotification', { status: 'Idle' }, answers);
        // a whole session with a tag the server does not know: answered Invalid, yet recorded
        await callAndRecord(client, 'Authorize', { idTag: 'STRICT-TAG' }, answers);
        const started = await callAndRecord(client, 'StartTransaction',
            { connectorId: 1, idTag: 'STRICT-TAG', meterStart: 1000, timestamp: now() }, answers);
        const transactionId = started?.transactionId ?? 0;
        await callAndRecord(client, 'MeterValues', {
            connectorId: 1, transactionId,
            meterValue: [{ timestamp: now(), sampledValue: [
                { value: '1.5', measurand: 'Energy.Active.Import.Register', unit: 'kWh', context: 'Sample.Periodic' },
                { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
                { value: '55', measurand: 'SoC', unit: 'Percent', location: 'EV' }] }],
        }, answers);
        await callAndRecord(client, 'StopTransaction', {
            transactionId, meterStop: 2500, timestamp: now(), idTag: 'STRICT-TAG', reason: 'Local',
            transactionData: [{ timestamp: now(), sampledValue: [{ value: '2500', unit: 'Wh' }] }],
        }, answers);
        answers.forEach(out);
        received.forEach(out); // CALLs the server sent on its own, if any (validated all the same)
    } else {
        answers.forEach(out);
        if (boot?.status !== 'Accepted') {
            failures.push({ boot: boot ?? null, error: 'the server did not accept the boot' });
        } else {
            out({ ready: true });
            process.stdout.write('READY\n');
            let timer;
            const finished = await Promise.race([
                allArrived,
                new Promise((resolve) => { timer = setTimeout(() => resolve(false), OUTBOUND_WAIT_MS); }),
            ]);
            clearTimeout(timer);
            if (!finished) {
                failures.push({ error: `received ${count} of ${expected} calls within ${OUTBOUND_WAIT_MS / 1000} s` });
            }
            await Promise.all(followUps);
            received.forEach(out);
            followUpAnswers.forEach(out);
        }
    }

    // wait until our last CALLRESULT has been written, then close normally
    await client.close({ code: 1000, reason: 'done', awaitPending: true });
    if (violations.length > 0 || failures.length > 0) {
        violations.forEach((violation) => out({ violation }));
        failures.forEach((failure) => out({ failure }));
        out({ result: 'failed', violations: violations.length, failures: failures.length });
        return 1;
    }
    out({ result: 'ok', scenario, calls: scenario === 'inbound' ? answers.length : received.length });
    return 0;
}

main().then(
    (code) => { process.exitCode = code; setTimeout(() => process.exit(code), 200).unref(); },
    (error) => { console.error(error?.stack ?? error); process.exit(1); });

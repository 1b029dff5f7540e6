// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported execute */
//
// minijasmine.js: sets up jasmine (jasmine-core from npm, on the search path
// as `imports.jasmine`) with a TAP reporter, for the sprout-jasmine runner.
// The runner evaluates one spec file after this module, then calls
// execute(); the reporter calls the runner's native done(status) when jasmine
// has finished, which ends the main-loop spin.

const jasmineRequire = imports.jasmine.getJasmineRequireObj();
const jasmineCore = jasmineRequire.core(jasmineRequire);
const env = jasmineCore.getEnv();
env.configure({random: false});
Object.assign(globalThis, jasmineRequire.interface(jasmineCore, env));
globalThis._jasmineEnv = env;

const errorsOutput = [];

function filterStack(stack) {
    if (!stack)
        return 'No stack';
    return stack.split('\n')
        .filter(line => !line.includes('resource:///org/gnome/sprout/jasmine'))
        .filter(line => !line.includes('/jasmine-core/'))
        .join('\n');
}

class TapReporter {
    constructor() {
        this._failedSuites = [];
        this._specCount = 0;
        this.status = 0;
    }

    jasmineStarted(info) {
        print(`1..${info.totalSpecsDefined}`);
    }

    jasmineDone(result) {
        for (const failure of this._failedSuites) {
            for (const expectation of failure.failedExpectations) {
                print('not ok - An error was thrown outside a test');
                print(`# ${expectation.message}`);
            }
        }
        if (result && result.failedExpectations &&
            result.failedExpectations.length > 0) {
            this.status = 1;
            for (const expectation of result.failedExpectations) {
                print('not ok - An error was thrown outside a test');
                print(`# ${expectation.message}`);
            }
        }
        if (errorsOutput.length)
            printerr(errorsOutput.join('\n'));
        globalThis.__sproutRunnerDone(this.status);
    }

    suiteDone(result) {
        if (result.failedExpectations && result.failedExpectations.length > 0) {
            this.status = 1;
            this._failedSuites.push(result);
        }
        if (result.status === 'disabled')
            print('# Suite was disabled:', result.fullName);
    }

    specStarted() {
        this._specCount++;
    }

    specDone(result) {
        let report = result.status === 'failed' ? 'not ok' : 'ok';
        if (result.status === 'failed')
            this.status = 1;
        report += ` ${this._specCount} ${result.fullName}`;
        if (['pending', 'disabled', 'excluded'].includes(result.status))
            report += ` # SKIP ${result.pendingReason || result.status}`;
        print(report);

        if (result.status !== 'failed' || !result.failedExpectations)
            return;
        for (const failed of result.failedExpectations) {
            const lines = failed.message.split('\n');
            const output = [`Message: ${lines.shift()}`];
            output.push(...lines.map(line => `  ${line}`));
            output.push('Stack:');
            output.push(...filterStack(failed.stack).trim().split('\n')
                .map(line => `  ${line}`));
            errorsOutput.push(`Test: ${result.fullName}`, ...output);
            print(output.map(line => `# ${line}`).join('\n'));
        }
    }
}

const reporter = new TapReporter();
env.addReporter(reporter);

function execute() {
    try {
        env.execute();
    } catch (e) {
        print('Bail out! Exception occurred inside Jasmine:', e);
        globalThis.__sproutRunnerDone(1);
    }
}

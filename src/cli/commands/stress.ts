import { Option, type Command } from 'commander';
import { DEFAULT_MIX_FILE, DEFAULT_REPORTS_DIR, DEFAULT_THRESHOLDS_FILE } from '../../config/paths.ts';
import { EXIT_CODE_HELP, ExitCode } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';
import { parseIntegerOption, parseListOption, parseNumberOption } from '../options.ts';
import { formatPlan } from '../plan-table.ts';
import { scenarioOfProfile } from '../../../scenarios/index.ts';
import { APIS, DEFAULT_ENGINE, ENGINES } from '../../config/run-options.ts';
import { resolveStressConfig, type StressFlags } from '../../config/stress.ts';
import { prepareStress } from '../../run/prepare.ts';
import { addToleranceOptions } from './compare.ts';

export const register: Registrar = (program, ctx, setExitCode) => {
  const command: Command = program
    .command('stress')
    .description('run one load profile against a target and write a report')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .requiredOption('-p, --profile <name|file>', 'profile name (see `vecstress profiles`) or the path of a profile file')
    .option('-t, --target <url|lab>', 'the embedded lab (default), or the URL of a Qdrant cluster, balancer or gateway (default with --target-file: its balancer)')
    .option('-e, --engine <name>', `load engine: ${ENGINES.join(' or ')} (vegeta: an alias of vecstress)`, DEFAULT_ENGINE)
    .addOption(new Option('--form <form>', 'lab: quick, scaled down; full: production sizes (default: lab for the lab target, full otherwise)').choices(['lab', 'full']))
    .addOption(new Option('--model <model>', "override the profile's model: open (arrival rate) or closed (connections)").choices(['open', 'closed']))
    .addOption(new Option('--api <api>', 'what to drive: Qdrant query API, legacy search API, or the gateway API').choices([...APIS]).default('query'))
    .option('--scale <factor>', 'multiply every rate and connection count', parseNumberOption)
    .option('--time-scale <factor>', 'multiply every duration', parseNumberOption)
    .option('--collections <list>', 'comma-separated collections to load (weights renormalised)', parseListOption)
    .option('--mix <file>', 'collection mix file', DEFAULT_MIX_FILE)
    .option('--thresholds <file>', 'thresholds file', DEFAULT_THRESHOLDS_FILE)
    .option('-o, --out <dir>', 'folder for run folders', DEFAULT_REPORTS_DIR)
    .option('--seed <n>', 'seed for the request mix and query vectors', parseIntegerOption, 1)
    .option('--timeout <ms>', 'request timeout in milliseconds', parseNumberOption)
    .option('--max-connections <n>', 'cap on open connections (default: the profile\'s peak)', parseIntegerOption)
    .option('--max-in-flight <n>', 'requests in flight past which arrivals are dropped and counted', parseIntegerOption)
    .option('--target-file <file>', 'a remote target described in one file: nodes, balancer, Redis, stats, Prometheus, API key variable (see targets/example.yaml)')
    .option('--api-key <key>', 'Qdrant API key (better: the VECSTRESS_API_KEY environment variable); never written or printed')
    .option('--nodes <urls>', 'Qdrant node URLs to sample directly, comma-separated', parseListOption)
    .option('--redis <url>', 'Redis to sample (redis:// or rediss://)')
    .option('--haproxy-stats <url>', "HAProxy's CSV stats URL, e.g. http://host:8404/stats;csv")
    .option('--nginx-status <url>', "nginx's stub_status URL")
    .option('--prometheus <url>', 'a Prometheus with node_exporter series of the target hosts')
    .option('--sample-interval <ms>', 'sampling interval in milliseconds', parseIntegerOption)
    .option('--metrics-port <port>', 'serve live Prometheus metrics on 127.0.0.1:<port>/metrics while the run goes (0: any free port)', parseIntegerOption)
    .option('--pushgateway <url>', 'push live Prometheus metrics to this Pushgateway every 5 s')
    .option('--baseline <run-dir>', 'compare with this earlier run or repeat folder: exit 1 on a regression beyond the tolerances, 4 when a figure has no data on one side')
    .option('--repeat <n>', 'run the profile n times (same seed, fresh engine each) into one repeat folder, judged by the median with the spread stated', parseIntegerOption)
    .option('--dry-run', 'print the plan and the mix, send nothing')
    .option('--json', 'with --dry-run: print the plan as JSON');

  addToleranceOptions(command);

  command.action(async (flags: StressFlags) => {
    const config = prepareStress(resolveStressConfig(flags, ctx.env));
    for (const notice of config.notices) ctx.err(`vecstress: ${notice}\n`);
    if (flags.dryRun) {
      if (flags.json) {
        ctx.out(`${JSON.stringify(config.plan, null, 2)}\n`);
      } else {
        const scenario = scenarioOfProfile(config.plan.profile, config.profile.definition);
        ctx.out(`${formatPlan(config.plan)}Scenario: ${scenario.family}: ${scenario.description}\n`);
      }
      setExitCode(ExitCode.Passed);
      return;
    }
    // A lab form sized to a lab whose capacity was never measured measures it first.
    const { sizeToLab } = await import('../../run/lab-capacity.ts');
    const sized = await sizeToLab(config, (line) => ctx.err(`vecstress: ${line}\n`));
    if (sized.run.repeat > 1) {
      const { runRepeat } = await import('../../run/repeat.ts');
      setExitCode(await runRepeat(sized, ctx));
      return;
    }
    const { runStress } = await import('../../run/stress.ts');
    setExitCode((await runStress(sized, ctx)).exitCode);
  });
};

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBotLogin, isBotName, loginWords } from '../../src/lib/identity/bots';

/**
 * The ground truth of Golzadeh, Decan, Legay and Mens (2021): 5,000 GitHub accounts that commented on
 * issues and pull requests, 527 of them bots, labelled by hand (tests/fixtures/bots/README.md).
 */
const GROUND_TRUTH = readFileSync(new URL('../fixtures/bots/golzadeh-ground-truth.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [account, bot] = line.split(',');
    return { account, bot: bot === '1' };
  });

describe('isBotLogin on a published ground truth of GitHub accounts', () => {
  it('has the accounts of the dataset', () => {
    expect(GROUND_TRUTH).toHaveLength(5000);
    expect(GROUND_TRUTH.filter((r) => r.bot)).toHaveLength(527);
  });

  it('reaches precision ≥ 95 % and recall ≥ 85 % from the login alone', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { account, bot } of GROUND_TRUTH) {
      const predicted = isBotLogin(account);
      if (predicted && bot) tp++;
      else if (predicted) fp++;
      else if (bot) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('isBotLogin rules', () => {
  it('splits logins into words at separators, digits and camelCase humps', () => {
    expect(loginWords('RealmBot')).toEqual(['realm', 'bot']);
    expect(loginWords('AutorestCI')).toEqual(['autorest', 'ci']);
    expect(loginWords('bsn-bot3')).toEqual(['bsn', 'bot', '3']);
    expect(loginWords('k8s_ci.robot')).toEqual(['k', '8', 's', 'ci', 'robot']);
  });

  it.each([
    'dependabot[bot]',
    'renovate',
    'kf-label-bot-dev',
    'bsn-bot3',
    'akka-ci',
    'AutorestCI',
    'jenkins',
    'jenkins-x',
    'ukp-svc-jenkins',
    'build-travis-ci',
    'release-drafter-release',
    'sync-upstream',
    'aws-cdk-automation',
    'openapi-sdkautomation',
    'engine-flutter-autoroll',
    'hashicorp-cla',
    'msftclas',
    'bors',
    'zeebe-bors',
    'openstack-gerrit',
    'k8s-ci-robot',
    'knative-prow-robot',
    'pytorchbot',
    'msftbot',
    'RealmBot',
    'probot-shopify',
    'coveralls',
    'scrutinizer-notifier'
  ])('%s is a bot', (login) => expect(isBotLogin(login)).toBe(true));

  it.each([
    'jtalbot',
    'mstalbot',
    'abbot',
    'dchabot',
    'abbott',
    'sarah-jenkins',
    'travis-smith',
    'gerrit-de-vries',
    'tombot',
    'mrjonesbot',
    'AtlasTheBot',
    'cbot83',
    'greenrobot',
    'i-like-robots',
    'RobotPsykolog',
    'AutoSponge',
    'CD-Clarke',
    'botond',
    'max-mustermann',
    ''
  ])('%s is not a bot', (login) => expect(isBotLogin(login)).toBe(false));
});

describe('isBotName for display names', () => {
  it.each(['Jenkins', 'Jenkins CI', 'Build Server', 'Release Automation', 'Acme CI', 'Deploy', 'CI Roboter'])('%s is a bot', (name) =>
    expect(isBotName(name)).toBe(true)
  );

  it.each(['Sarah Jenkins', 'Travis Scott', 'Gerrit Jansen', 'Roboter Müller', 'Anna Release Müller Schmidt', 'Max Mustermann'])(
    '%s is not a bot',
    (name) => expect(isBotName(name)).toBe(false)
  );
});

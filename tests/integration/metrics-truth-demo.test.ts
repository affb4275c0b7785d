/**
 * The truth comparison of metrics-truth.test.ts (comparisons in metrics-truth-suite.ts) on the `demo`
 * world (about 80 projects, forks listed as projects of their own, mirrors in other organisations): every
 * project's lifecycle, persons and organisations factors, contributor counts, first response,
 * findings and reuse relations against the generator's truth.
 *
 * Runs in the normal suite: the whole file (generation, emulator, collection, derive) takes about
 * 45 s alone and about 65 s next to the other integration tests on 2 cores. No ALLMENDE_TEST_DEMO
 * needed (unlike tests/collectors' demo run).
 */
import { describeMetricsTruth } from './metrics-truth-suite';

describeMetricsTruth('demo');

/**
 * The pipeline's figures against the world's truth (DESIGN §9) for the `tiny` world: generated,
 * served by the forge emulator, collected by the real collectors, derived, and every project's
 * snapshot compared with truth.json (tests/world/truth.ts). The comparisons live in
 * metrics-truth-suite.ts and are shared with metrics-truth-demo.test.ts.
 */
import { describeMetricsTruth } from './metrics-truth-suite';

describeMetricsTruth('tiny');

/** Moved to tests/fixtures/dashboard-extras.ts (the browser tests run on a collected world now). */
export { addDashboardExtras } from '../fixtures/dashboard-extras';

/** The allmende version shown in the footer and in printouts. */
import pkg from '../../../package.json';

export const ALLMENDE_VERSION: string = (pkg as { version: string }).version;

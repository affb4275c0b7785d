/**
 * Seeded pseudo-random numbers for the emulator's faults. Never Math.random: a fault plan must be
 * reproducible from its seed. Each request gets its own generator, seeded from (seed, request index),
 * so request n draws the same numbers whatever happened before it.
 */
import { createHash } from 'node:crypto';

/** mulberry32: small, fast, good enough for fault dice. Returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any string parts (sha256, first four bytes). */
export function seed32(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

/** The generator for one request of a fault plan. */
export function requestDice(seed: string | number, requestIndex: number): () => number {
  return mulberry32(seed32(String(seed), requestIndex));
}

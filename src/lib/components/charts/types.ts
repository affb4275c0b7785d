/** A bar of BarChart. */
export interface Bar {
  label: string;
  value: number;
  /** The value as shown, e.g. „62 %“. */
  display: string;
  /** Render muted (bots, „ohne Zuordnung“). */
  muted?: boolean;
}

/** A point of LineChart; null breaks the line (no value: „nicht bewertbar“). */
export interface LinePoint {
  date: string;
  value: number | null;
}

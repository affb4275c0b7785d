/** A column of DataTable. */
export interface Column<R> {
  key: keyof R & string;
  label: string;
  numeric?: boolean;
  format?: (value: R[keyof R], row: R) => string;
}

/** How a {@link DataTable} column is described by the table that uses it. */

/**
 * One column: `id` (also the name of its `cell-<id>` slot), the header text, the cell's plain
 * text (`value`, when no slot renders it), whether the header sorts by it (by `sortValue` when
 * given, else by `value`; numerically with `sortNumeric`), a class for its header and cells,
 * a header tooltip, and `hideHeader` for a column whose header is only for screen readers
 * (row actions, expand toggles).
 */
export interface DataColumn<T> {
  id: string
  header: string
  value?: (row: T) => string | number | null | undefined
  sortable?: boolean
  sortValue?: (row: T) => string | number | null | undefined
  sortNumeric?: boolean
  class?: string
  title?: string
  hideHeader?: boolean
}

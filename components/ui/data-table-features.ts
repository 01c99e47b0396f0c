import {
  type ColumnDef,
  type RowData,
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';

/** How a column lays out in the grid the table draws: its CSS track and alignment. */
export interface DataColumnMeta {
  /** CSS grid track, e.g. `6.5rem` or `minmax(4rem,0.8fr)`. */
  width: string;
  align?: 'left' | 'right';
  /** The cell's text wraps onto more lines instead of ending in an ellipsis (in a table whose rows are measured). */
  wrap?: boolean;
}

/**
 * The features every data table in the dashboard has: sorting, a global text filter and column
 * visibility, all from TanStack Table. Declared once, outside any component, so the row-model
 * factories and function registries are the same objects for every table and every render.
 */
export const dataTableFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: {} as DataColumnMeta,
});

export type DataTableFeatures = typeof dataTableFeatures;

/** A column of a dashboard data table over rows of `T`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of one table hold different value types
export type DataColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>;

/** The column helper for a dashboard data table over rows of `T`. */
export const dataColumnHelper = <T extends RowData>() => createColumnHelper<DataTableFeatures, T>();

import { clearFigures, figuresTable } from './figures';
import { SCALE } from './scale';

/** Starts the run with no figures of an earlier one, and prints the table once every check has run. */
export default function setup(): () => void {
  clearFigures();
  return () => {
    console.log(`\nReliability figures (${SCALE.name} scale, ${new Date().toISOString()}):\n${figuresTable()}\n`);
  };
}

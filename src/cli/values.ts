/**
 * Values that begin with a minus sign: negative numbers and coordinate text ("-8.1 -93.3",
 * "-8.1,-93.3", "-12", "-0.5e3", "-.5"). commander reads any argument starting with "-" as an
 * option, and only a lone negative number as a value, so `cairn geo convert "-8.1 -93.3" …`
 * failed as an unknown option (issue #12 §1). `CairnCommand` is the one fix for every command:
 * while commander sorts the arguments, such a value is hidden behind a private-use marker so it
 * cannot look like an option, and every command-argument and option-value gets it back unchanged.
 * No Cairn option is a dash and a digit (were one added, that command's arguments are left as
 * commander reads them); `--` still ends the options.
 */
import { EventEmitter } from 'node:events';
import { Command, type ParseOptionsResult } from 'commander';

/** A minus sign, then a digit or a decimal point and digit: a number or coordinate, never an option. */
const MINUS_VALUE = /^-\.?\d/;
/** U+E000 (private use): never typed on a command line, never the first character of an option. */
const MARK = '\uE000';

/** True when `arg` is a value that starts with a minus sign (a number or coordinate text). */
export function isMinusValue(arg: string): boolean {
  return MINUS_VALUE.test(arg);
}

const hide = (arg: string): string => (isMinusValue(arg) ? `${MARK}${arg}` : arg);
const show = (arg: unknown): unknown =>
  typeof arg === 'string' && arg.startsWith(MARK) ? arg.slice(MARK.length) : arg;

function ancestors(c: Command): Command[] {
  const out: Command[] = [];
  for (let p = c.parent; p !== null; p = p.parent) out.push(p);
  return out;
}

/** A commander Command whose subcommands are CairnCommands too, reading minus-sign values as values. */
export class CairnCommand extends Command {
  override createCommand(name?: string): Command {
    return new CairnCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    // Were a command ever to define a digit as a short option (-1), its arguments are left alone.
    const digitShort = (c: Command): boolean =>
      c.options.some((o) => o.short !== undefined && /^-\d$/.test(o.short));
    if (digitShort(this) || ancestors(this).some(digitShort)) return super.parseOptions(argv);
    const r = super.parseOptions(argv.map(hide));
    return {
      operands: r.operands.map((a) => show(a) as string),
      unknown: r.unknown.map((a) => show(a) as string),
    };
  }

  // commander hands an option its value through an `option:NAME` event, straight from the
  // arguments it was given: restore a hidden value there. (Command is an EventEmitter at run
  // time; its type declarations do not say so.)
  emit(event: string | symbol, ...args: unknown[]): boolean {
    const values = typeof event === 'string' && event.startsWith('option:') ? args.map(show) : args;
    return EventEmitter.prototype.emit.call(this, event, ...values);
  }
}

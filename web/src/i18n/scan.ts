/**
 * Finds user-visible text written into the web app's source instead of going through `t()`:
 * JSX text, string literals shown as JSX children, literal text in attributes a person reads or
 * hears (`placeholder`, `title`, `aria-label`, `alt`, …), a problem's `message`, and the text of
 * `confirm`/`alert`/`prompt`. Only text with a letter counts (`—`, `×`, ` · ` are punctuation).
 * Literals passed to a function (a `t()` key, a class name, an id) and literals compared in a
 * condition are not text. Used by i18n.test.ts; node-only (it reads sources with TypeScript).
 */
import ts from 'typescript';

/** One hard-coded string: where it is, and the text. */
export interface HardCoded {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Attributes whose value a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set([
  'placeholder',
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
]);
const DIALOGS = new Set(['confirm', 'alert', 'prompt']);
const LETTER = /\p{L}/u;

/** Literal text that would be shown where `e` is shown, following only value positions. */
function shownLiterals(e: ts.Expression, out: ts.Node[]): void {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) out.push(e);
  else if (ts.isTemplateExpression(e)) {
    out.push(e.head);
    for (const span of e.templateSpans) {
      out.push(span.literal);
      shownLiterals(span.expression, out);
    }
  } else if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
    shownLiterals(e.expression, out);
  else if (ts.isConditionalExpression(e)) {
    shownLiterals(e.whenTrue, out);
    shownLiterals(e.whenFalse, out);
  } else if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    // `a && 'text'` shows the right side; `a ?? 'text'`, `a || 'text'` and `'a' + b` either side.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) shownLiterals(e.right, out);
    else if (
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.PlusToken
    ) {
      shownLiterals(e.left, out);
      shownLiterals(e.right, out);
    }
  }
  // Calls, identifiers, property reads, JSX (walked on its own) and comparisons show no literal here.
}

function literalText(n: ts.Node): string {
  if (ts.isJsxText(n)) return n.text.replace(/\s+/g, ' ').trim();
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n))
    return n.text;
  return n.getText();
}

/**
 * The hard-coded user-visible strings in one source text. `allow` holds exact texts that are the
 * same in every language (a proper name, a data label), each given with its reason by the caller.
 */
export function findHardCoded(
  file: string,
  source: string,
  allow: ReadonlySet<string> = new Set(),
): HardCoded[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: HardCoded[] = [];
  const report = (n: ts.Node) => {
    const text = literalText(n);
    // The allowlist matches the text without the punctuation and spaces around it (` · Natural Earth`).
    if (!LETTER.test(text) || allow.has(text.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''))) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text });
  };
  const reportShown = (e: ts.Expression | undefined) => {
    if (e === undefined) return;
    const lits: ts.Node[] = [];
    shownLiterals(e, lits);
    for (const l of lits) report(l);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isJsxText(n)) report(n);
    else if (ts.isJsxExpression(n) && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent)))
      reportShown(n.expression);
    else if (ts.isJsxAttribute(n) && SPOKEN_ATTRIBUTES.has(n.name.getText(sf))) {
      const init = n.initializer;
      if (init !== undefined && ts.isStringLiteral(init)) report(init);
      else if (init !== undefined && ts.isJsxExpression(init)) reportShown(init.expression);
    } else if (ts.isPropertyAssignment(n) && n.name.getText(sf) === 'message') reportShown(n.initializer);
    else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (DIALOGS.has(name)) reportShown(n.arguments[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

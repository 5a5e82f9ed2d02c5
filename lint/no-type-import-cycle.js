// ESLint rule: no import cycle that only closes through type imports. import-x/no-cycle follows value
// imports alone (a type import vanishes at run time, so it cannot cause an initialisation-order bug),
// but a cycle of types still welds its modules into one unit that can be neither layered nor split,
// which is what the layer rules in eslint.config.js are for. This rule reports exactly the cycles
// import-x leaves out: an import of B in A is reported when B leads back to A counting every import,
// unless the import is a value import and B leads back through value imports alone (import-x's case).
// Only relative specifiers are followed: packages cannot import our files back.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Edges of each file read from disk: target path -> true when every import of the target is
 * type-only. `checkedAt` bounds how stale an entry may be in a long-running editor server; a
 * command-line run reads each file once.
 */
const edgeCache = new Map();
const RECHECK_MS = 2000;

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The file a relative specifier names, or undefined (packages, or a path that does not exist). */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

const allTypeOnly = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

/** Every import and re-export of a TypeScript source, with whether it brings in types only. */
function importsOf(fileName, text) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found = [];
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            allTypeOnly(bindings.elements)));
      found.push({ specifier: st.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.exportClause;
      const typeOnly =
        st.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && allTypeOnly(clause.elements));
      found.push({ specifier: st.moduleSpecifier.text, typeOnly });
    }
  }
  // import('./x.ts') loads a module at run time; `typeof import('./x.ts')` names its types.
  if (text.includes('import(')) {
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        found.push({ specifier: node.arguments[0].text, typeOnly: false });
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        found.push({ specifier: node.argument.literal.text, typeOnly: true });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** target path -> true when all of `fileName`'s imports of it are type-only. */
function edgesOf(fileName, text) {
  const edges = new Map();
  for (const { specifier, typeOnly } of importsOf(fileName, text)) {
    const target = resolveSpecifier(fileName, specifier);
    if (target === undefined || target === fileName) continue;
    edges.set(target, (edges.get(target) ?? true) && typeOnly);
  }
  return edges;
}

function cachedEdges(fileName) {
  const now = Date.now();
  const entry = edgeCache.get(fileName);
  if (entry && now - entry.checkedAt < RECHECK_MS) return entry.edges;
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(fileName).mtimeMs;
  } catch {
    return new Map();
  }
  if (entry && entry.mtimeMs === mtimeMs) {
    entry.checkedAt = now;
    return entry.edges;
  }
  const edges = /\.(ts|tsx|mts|cts)$/.test(fileName)
    ? edgesOf(fileName, fs.readFileSync(fileName, 'utf8'))
    : new Map();
  edgeCache.set(fileName, { edges, mtimeMs, checkedAt: now });
  return edges;
}

/**
 * The shortest chain of imports from `start` back to `goal` (files after `start`, ending with
 * `goal`), following value imports only when `valueOnly`; undefined when there is none.
 */
function pathBack(start, goal, valueOnly) {
  const parent = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const [next, typeOnly] of cachedEdges(file)) {
      if ((valueOnly && typeOnly) || parent.has(next)) continue;
      parent.set(next, file);
      if (next === goal) {
        const chain = [];
        for (let f = next; f !== start; f = parent.get(f)) chain.unshift(f);
        return chain;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Forbid import cycles that close through type imports (import-x/no-cycle counts value imports only).',
    },
    schema: [],
    messages: {
      cycle:
        'Import cycle through type imports: {{chain}}. Put the shared types in a module both can import.',
    },
  },
  create(context) {
    const fileName = context.physicalFilename;
    if (!path.isAbsolute(fileName)) return {};
    // The file's own imports come from the text being linted (an editor's buffer may be unsaved).
    const ownEdges = edgesOf(fileName, context.sourceCode.text);
    const reported = new Set();
    const root = context.cwd ?? process.cwd();
    const check = (node, specifier) => {
      const target = resolveSpecifier(fileName, specifier);
      if (target === undefined || reported.has(target) || !ownEdges.has(target)) return;
      reported.add(target);
      const chain = pathBack(target, fileName, false);
      if (chain === undefined) return;
      // A value import that closes a cycle of value imports is import-x/no-cycle's to report.
      if (!ownEdges.get(target) && pathBack(target, fileName, true) !== undefined) return;
      const shown = [fileName, target, ...chain].map((f) => path.relative(root, f)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { chain: shown } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, String(node.source.value)),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(node, String(literal.value));
      },
    };
  },
};

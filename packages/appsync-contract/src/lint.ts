// Lints APPSYNC_JS bundles for what AppSync's runtime refuses. @aws-appsync/eslint-plugin's base rules
// catch most of it; `no-restricted-syntax` adds what the plugin does not flag (PLATFORM.md: throw,
// Array.from, new Set/Map), so a bundle that would fail to deploy fails here first.
import appsyncPlugin from "@aws-appsync/eslint-plugin";
import { ESLint, type Linter } from "eslint";

const forbidden: Array<{ selector: string; message: string }> = [
  { selector: "ThrowStatement", message: "APPSYNC_JS has no throw: use util.error()." },
  { selector: "TryStatement", message: "APPSYNC_JS has no try/catch/finally." },
  { selector: "NewExpression[callee.name=/^(Set|Map|WeakMap|WeakSet|Promise|Proxy|RegExp)$/]", message: "APPSYNC_JS has no Set, Map, Promise, Proxy or RegExp." },
  { selector: "CallExpression[callee.object.name='Array'][callee.property.name='from']", message: "APPSYNC_JS has no Array.from." },
  { selector: "UpdateExpression", message: "APPSYNC_JS has no ++ or --: use += 1." },
  { selector: "UnaryExpression[operator='~']", message: "APPSYNC_JS has no ~." },
  { selector: "ForStatement", message: "APPSYNC_JS has no C-style for: use for...of or array methods." },
  { selector: "WhileStatement, DoWhileStatement", message: "APPSYNC_JS has no while loops." },
  { selector: "ContinueStatement", message: "APPSYNC_JS has no continue." },
  { selector: "LabeledStatement", message: "APPSYNC_JS has no labels." },
  { selector: "ClassDeclaration, ClassExpression", message: "APPSYNC_JS has no classes." },
  { selector: "ThisExpression", message: "APPSYNC_JS has no this." },
  { selector: "Literal[regex]", message: "APPSYNC_JS has no regular expression literals." },
  { selector: "BinaryExpression[operator='in']", message: "APPSYNC_JS has no `in` operator." },
  { selector: "AwaitExpression, FunctionDeclaration[async=true], ArrowFunctionExpression[async=true], FunctionExpression[async=true]", message: "APPSYNC_JS has no async/await." },
  { selector: "FunctionDeclaration[generator=true], FunctionExpression[generator=true]", message: "APPSYNC_JS has no generators." },
];

const config: Linter.Config[] = [
  {
    ...(appsyncPlugin as unknown as { configs: { base: Linter.Config } }).configs.base,
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
  },
  { rules: { "no-restricted-syntax": ["error", ...forbidden] } },
];

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config });

/** The problems AppSync's runtime would have with this bundle, as "line:col message" strings. */
export async function lintAppSyncBundle(code: string, name: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${name}.js` });
  return (result?.messages ?? []).map((m) => `${name}:${m.line}:${m.column} ${m.message}`);
}

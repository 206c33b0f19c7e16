// Types for check-layers.mjs, so the TypeScript tests can call it.
export const LAYERS: string[][];
export interface Arrow {
  from: string;
  to: string;
}
export interface Tree {
  arrows: Arrow[];
}
export function importsOf(text: string): string[];
export function refusal(from: string, to: string): string | null;
export function importsOfTree(root: string): Tree;
export function violations(tree: Tree): (Arrow & { why: string })[];
export function coreStructure(tree: Tree): {
  rooms: string[];
  arrows: string[];
  backUp: unknown[];
  circles: string[][];
};

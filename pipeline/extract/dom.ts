/**
 * Tree walking tuned for linkedom, where `children`, `childNodes` and `querySelectorAll` build arrays or run a CSS
 * engine on every call, but `firstChild`/`nextSibling` and `getElementsByTagName` are direct: these helpers use only
 * the cheap ones. All walks are iterative, so nesting depth cannot overflow the stack.
 */

/**
 * Visits `root` and its descendants in document order. `enter` returns false to skip a node's children (then
 * `leave` is not called for it); `leave` runs after all children of an entered node.
 */
export function walk(root: Node, enter: (node: Node) => boolean, leave: (node: Node) => void = () => {}): void {
  let node: Node = root;
  for (;;) {
    const descend = enter(node);
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (descend) leave(node);
    for (;;) {
      if (node === root) return;
      const next: Node | null = node.nextSibling;
      if (next) {
        node = next;
        break;
      }
      const parent: Node | null = node.parentNode;
      if (!parent) return;
      node = parent;
      leave(node);
    }
  }
}

/** Elements with a tag name under `root` (live-collection semantics do not matter: callers copy or only read). */
export function byTag(root: ParentNode, tag: string): Element[] {
  return Array.from((root as Element).getElementsByTagName(tag));
}

/** True when the element tree under `root` is deeper than `limit` levels. */
export function deeperThan(root: Node, limit: number): boolean {
  let depth = 0;
  let deeper = false;
  walk(
    root,
    (node) => {
      if (node.nodeType !== 1 || deeper) return false;
      depth++;
      if (depth > limit) deeper = true;
      return !deeper;
    },
    () => {
      depth--;
    },
  );
  return deeper;
}

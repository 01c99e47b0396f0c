'use client';

import { useCallback, useRef, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

const ZERO: Size = { width: 0, height: 0 };

/**
 * The rendered size of an element, in whole pixels, kept current by a ResizeObserver.
 * Zero until the element is measured (also while rendering on the server).
 */
export function useElementSize<T extends Element>(): [(node: T | null) => void, Size] {
  const [size, setSize] = useState<Size>(ZERO);
  const observer = useRef<ResizeObserver | null>(null);

  const ref = useCallback((node: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!node) return;
    const measure = (width: number, height: number) => {
      const next = { width: Math.floor(width), height: Math.floor(height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    };
    const rect = node.getBoundingClientRect();
    measure(rect.width, rect.height);
    observer.current = new ResizeObserver(([entry]) => measure(entry.contentRect.width, entry.contentRect.height));
    observer.current.observe(node);
  }, []);

  return [ref, size];
}

import type { MouseEvent } from 'react';

function focusMain(event: MouseEvent<HTMLAnchorElement>): void {
  const main = document.getElementById('main');
  if (!main) return;
  event.preventDefault(); // the router would otherwise treat the fragment as a navigation
  main.focus();
}

/** The first focusable element of every page: jumps over the header and navigation. */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main" onClick={focusMain}>
      跳到主要内容
    </a>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { pageTitle } from '../lib/product-info';

// The first page of a visit leaves focus at the top of the document, so the skip link comes first;
// every later page (or login step) moves focus to its h1 so screen readers announce where they are.
let firstPageShown = false;

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}

/** The page's one h1; it also sets document.title. */
export function PageHeader({ title, description, extra }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = pageTitle(title);
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, [title]);

  return (
    <div className="page-header">
      <div>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {description && <div className="page-description">{description}</div>}
      </div>
      {extra && <div className="page-header-extra">{extra}</div>}
    </div>
  );
}

import { useEffect, useId, useRef, type MouseEvent } from 'react';

export interface SummaryError {
  message: string;
  /** id of the control to focus; absent for errors about the whole form */
  fieldId?: string;
}

const focusableSelector = 'input:not([type="hidden"]), select, textarea, button, [tabindex]:not([tabindex="-1"])';

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const element = document.getElementById(fieldId);
  if (!element) return;
  event.preventDefault(); // keep the URL free of fragments; move focus ourselves
  const target = element.matches(focusableSelector) ? element : element.querySelector<HTMLElement>(focusableSelector);
  (target ?? element).focus();
  (target ?? element).scrollIntoView({ block: 'center' });
}

/**
 * A list of what is wrong, placed above the form. It takes focus each time a submit fails, so
 * screen-reader and keyboard users land on it; each entry links to its field.
 */
export function ErrorSummary({ errors, title = '请修改以下问题后再提交' }: { errors: SummaryError[]; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (errors.length > 0) box.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;
  return (
    <div ref={box} className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId} className="error-summary-title">
        {title}
      </h2>
      <ul>
        {errors.map(({ message, fieldId }, index) => (
          <li key={`${fieldId ?? ''}-${index}`}>
            {fieldId ? (
              <a href={`#${fieldId}`} onClick={(event) => focusField(event, fieldId)}>
                {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

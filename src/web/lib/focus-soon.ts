/**
 * Moves focus to an element that a render still to come will mount or fill. React commits the state
 * set after an awaited request on its own schedule; on a slow machine one animation frame is not always
 * enough, so this tries on each frame for about a second before giving up quietly.
 */
export function focusSoon(target: () => HTMLElement | null | undefined, frames = 60): void {
  const attempt = (left: number) => {
    const element = target();
    if (element?.isConnected) {
      element.focus();
      return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(frames));
}

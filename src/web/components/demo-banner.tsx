/** Says plainly, in text, that nothing on screen is real data. */
export function DemoBanner({ demoMode }: { demoMode: boolean | undefined }) {
  if (!demoMode) return null;
  return (
    <p className="demo-banner">
      <strong>演示模式：数据为虚构的演示数据</strong>
    </p>
  );
}

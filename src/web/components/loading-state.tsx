import { Spin } from 'antd';

export function LoadingState({ label = '正在加载…' }: { label?: string }) {
  return (
    <div className="loading-state" role="status">
      <Spin aria-hidden />
      <span>{label}</span>
    </div>
  );
}

import { Button, Space } from 'antd';

/** The 查询 / 重置 pair that ends every filter form; the form applies on submit, never per keystroke. */
export function FilterActions({ onReset }: { onReset: () => void }) {
  return (
    <Space wrap className="filter-actions">
      <Button type="primary" htmlType="submit">
        查询
      </Button>
      <Button htmlType="button" onClick={onReset}>
        重置
      </Button>
    </Space>
  );
}

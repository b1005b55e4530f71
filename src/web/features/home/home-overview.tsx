import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { home } from '../../../shared/contracts/platform-contracts';
import { LoadingState } from '../../components/loading-state';
import { apiCall } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';

export function HomeOverview() {
  const overview = useQuery({ queryKey: ['home'], queryFn: () => apiCall(home) });

  if (overview.isPending) return <LoadingState />;
  if (overview.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(overview.error)} />;

  const { region, tasks } = overview.data;
  return (
    <>
      <p className="home-region">本账号区域：{region.path.length > 0 ? region.path.join(' / ') : region.name}</p>
      <section aria-labelledby="home-tasks" className="home-tasks">
        <h2 id="home-tasks">待办事项</h2>
        {tasks.length === 0 ? (
          <p>暂无待办事项。</p>
        ) : (
          <ul>
            {tasks.map((task) => (
              <li key={task.key}>
                <Link to={task.href}>
                  {task.label}
                  <span className="task-count">（{task.count} 项）</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

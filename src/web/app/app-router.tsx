import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../routes/audit-page';
import { ErrorPage } from '../routes/error-page';
import { ForbiddenPage } from '../routes/forbidden-page';
import { HomePage } from '../routes/home-page';
import { LoginPage } from '../routes/login-page';
import { NotFoundPage } from '../routes/not-found-page';
import { UsersPage } from '../routes/users-page';
import { AppLayout } from './app-layout';
import { RequireAction, RequireSession } from './auth-guard';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <ErrorPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'users',
        element: (
          <RequireAction action="users.read">
            <UsersPage />
          </RequireAction>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireAction action="audit.read">
            <AuditPage />
          </RequireAction>
        ),
      },
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

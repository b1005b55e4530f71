import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../routes/account-page';
import { AuditPage } from '../routes/audit-page';
import { ErrorPage } from '../routes/error-page';
import { ForbiddenPage } from '../routes/forbidden-page';
import { HomePage } from '../routes/home-page';
import { LoginPage } from '../routes/login-page';
import { NotFoundPage } from '../routes/not-found-page';
import { PersonsDetailPage } from '../routes/persons-detail-page';
import { PersonsDuplicatesPage } from '../routes/persons-duplicates-page';
import { PersonsEditPage } from '../routes/persons-edit-page';
import { PersonsImportPage } from '../routes/persons-import-page';
import { PersonsListPage } from '../routes/persons-list-page';
import { PersonsNewPage } from '../routes/persons-new-page';
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
      { path: 'account', element: <AccountPage /> },
      {
        path: 'persons',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="persons.read">
                <PersonsListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="persons.write">
                <PersonsNewPage />
              </RequireAction>
            ),
          },
          {
            path: 'import',
            element: (
              <RequireAction action="persons.import">
                <PersonsImportPage />
              </RequireAction>
            ),
          },
          {
            path: 'duplicates',
            element: (
              <RequireAction action="persons.merge">
                <PersonsDuplicatesPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="persons.read">
                <PersonsDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="persons.write">
                <PersonsEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

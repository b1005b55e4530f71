import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  createUser,
  listUsers,
  resetPassword,
  updateUser,
  userCommand,
  type userCommands,
} from '../../../shared/contracts/users-contracts';
import { adminRoles, dutyRoles, isAdminRole, userKinds, type StaffRole, type UserKind } from '../../../shared/domain/roles';
import { apiCall } from '../../lib/api-client';
import { useCurrentUser, userCan } from '../auth/use-session';

export type UserListQuery = NonNullable<ContractQuery<typeof listUsers>>;
export type CreateUserBody = ContractBody<typeof createUser>;
export type UpdateUserBody = ContractBody<typeof updateUser>;
export type UserCommand = (typeof userCommands)[number];

const usersKey = ['users'] as const;

export function useUserList(query: UserListQuery) {
  return useQuery({
    queryKey: [...usersKey, 'list', query],
    queryFn: () => apiCall(listUsers, { query }),
    placeholderData: keepPreviousData, // keeps the table (and focus in it) steady while a page loads
  });
}

export function useUserMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: usersKey });
  return {
    create: useMutation({ mutationFn: (body: CreateUserBody) => apiCall(createUser, { body }), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => apiCall(updateUser, { params: { id }, body }),
      onSuccess,
    }),
    command: useMutation({
      mutationFn: ({ id, command, reason }: { id: string; command: UserCommand; reason: string }) =>
        apiCall(userCommand, { params: { id, command }, body: { reason } }),
      onSuccess,
    }),
    resetPassword: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(resetPassword, { params: { id }, body: { reason } }),
      onSuccess,
    }),
  };
}

/**
 * MLPS separation of duties: the security administrator manages ordinary accounts, the system
 * administrator manages administrator accounts. The server decides; this only shapes the UI.
 */
export function useUserPermissions() {
  const me = useCurrentUser();
  const manageUsers = userCan(me, 'users.manage');
  const manageAdmins = userCan(me, 'admins.manage');
  const assignableRoles: StaffRole[] = [...(manageUsers ? dutyRoles : []), ...(manageAdmins ? adminRoles : [])];
  const assignableKinds: UserKind[] = manageUsers ? [...userKinds] : manageAdmins ? ['staff'] : [];
  return {
    canCreate: manageUsers || manageAdmins,
    canExport: userCan(me, 'users.export'),
    canManage: (roles: readonly StaffRole[]) => (roles.some(isAdminRole) ? manageAdmins : manageUsers),
    assignableRoles,
    assignableKinds,
    regionCode: me.region.code,
  };
}

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
// subsidy standards, funds and ledger (issue 6, area A)
import { FundsDetailPage } from '../routes/funds-detail-page';
import { FundsListPage } from '../routes/funds-list-page';
import { FundsNewPage } from '../routes/funds-new-page';
import { FundsReconciliationPage } from '../routes/funds-reconciliation-page';
import { SubsidyStandardsListPage } from '../routes/subsidy-standards-list-page';
import { SubsidyStandardsNewPage } from '../routes/subsidy-standards-new-page';
// money trail and fraud signals (issue 6, area E)
import { FraudSignalsPage } from '../routes/fraud-signals-page';
import { MoneyTrailClaimPage } from '../routes/money-trail-claim-page';
import { MoneyTrailClassPage } from '../routes/money-trail-class-page';
import { RequireAction, RequireSession } from './auth-guard';
// payment batches (issue 6, area D)
import { PaymentBatchesDetailPage } from '../routes/payment-batches-detail-page';
import { PaymentBatchesListPage } from '../routes/payment-batches-list-page';
import { PaymentBatchesNewPage } from '../routes/payment-batches-new-page';
// public site and public notice (area E: notices)
import { NoticesDetailPage } from '../routes/notices-detail-page';
import { NoticesListPage } from '../routes/notices-list-page';
import { PublicHomePage } from '../routes/public-home-page';
import { PublicNoticeDetailPage } from '../routes/public-notice-detail-page';
// subsidy notice and approval (issue 6, area C)
import { SubsidyNoticesListPage } from '../routes/subsidy-notices-list-page';
import { SubsidyReviewQueuePage } from '../routes/subsidy-review-queue-page';
import { PublicNoticesPage } from '../routes/public-notices-page';
import { PublicObjectionLookupPage } from '../routes/public-objection-lookup-page';
import { PublicLayout } from './public-layout';
// institutions (area A: institutions)
import { InstitutionsDetailPage } from '../routes/institutions-detail-page';
import { InstitutionsEditPage } from '../routes/institutions-edit-page';
import { InstitutionsListPage } from '../routes/institutions-list-page';
import { InstitutionsNewPage } from '../routes/institutions-new-page';
import { MyInstitutionPage } from '../routes/institutions-mine-page';
// base accreditation and county coverage (area B: accreditation)
import { AccreditationApplyPage } from '../routes/accreditation-apply-page';
import { AccreditationDetailPage } from '../routes/accreditation-detail-page';
import { AccreditationListPage } from '../routes/accreditation-list-page';
import { AccreditationPublicPage } from '../routes/accreditation-public-page';
import { AccreditationRemindersPage } from '../routes/accreditation-reminders-page';
import { AccreditationSheetPage } from '../routes/accreditation-sheet-page';
import { CoveragePage } from '../routes/coverage-page';
// trainer pool (area C: trainers)
import { TrainersBasesPage } from '../routes/trainers-bases-page';
import { TrainersDetailPage } from '../routes/trainers-detail-page';
import { TrainersEditPage } from '../routes/trainers-edit-page';
import { TrainersListPage } from '../routes/trainers-list-page';
import { TrainersNewPage } from '../routes/trainers-new-page';
import { TrainersRotationDuePage } from '../routes/trainers-rotation-due-page';
// catalogue, competitions and high-skill talent (area D: catalogue)
import { CatalogueDetailPage } from '../routes/catalogue-detail-page';
import { CatalogueEditPage } from '../routes/catalogue-edit-page';
import { CatalogueListPage } from '../routes/catalogue-list-page';
import { CatalogueNewPage } from '../routes/catalogue-new-page';
import { CataloguePublicPage } from '../routes/catalogue-public-page';
import { ContestsDetailPage } from '../routes/contests-detail-page';
import { ContestsEditPage } from '../routes/contests-edit-page';
import { ContestsListPage } from '../routes/contests-list-page';
import { ContestsNewPage } from '../routes/contests-new-page';
import { TalentApprenticeshipDetailPage } from '../routes/talent-apprenticeship-detail-page';
import { TalentApprenticeshipNewPage } from '../routes/talent-apprenticeship-new-page';
import { TalentApprenticeshipsPage } from '../routes/talent-apprenticeships-page';
import { TalentCandidatesPage } from '../routes/talent-candidates-page';
import { TalentRosterPage } from '../routes/talent-roster-page';
// training classes core (issue 5, area B: classes)
import { ClassesDetailPage } from '../routes/classes-detail-page';
import { ClassesEditPage } from '../routes/classes-edit-page';
import { ClassesListPage } from '../routes/classes-list-page';
import { ClassesNewPage } from '../routes/classes-new-page';
import { ClassesReviewPage } from '../routes/classes-review-page';
// process inspections (issue 5, area E: inspections)
import { InspectionsDetailPage } from '../routes/inspections-detail-page';
import { InspectionsPage } from '../routes/inspections-page';
// satisfaction survey (issue 5, area G: satisfaction)
import { SatisfactionMySurveyPage } from '../routes/satisfaction-my-survey-page';
import { SatisfactionSummaryPage } from '../routes/satisfaction-summary-page';
// enrolment: the trainee's own classes (issue 5, area C: enrolment)
import { EnrolmentMyClassesPage } from '../routes/enrolment-my-classes-page';
// attendance: the trainee's QR sign-in landing (issue 5, area D: attendance)
import { AttendanceScanPage } from '../routes/attendance-scan-page';
// completion and certificates: the printable certificate and the public check (issue 5, area F: certificates)
import { CertificatesDetailPage } from '../routes/certificates-detail-page';
import { CertificatesVerifyPage } from '../routes/certificates-verify-page';
// subsidy claims (issue 6, area B)
import { SubsidyClaimsDetailPage } from '../routes/subsidy-claims-detail-page';
import { SubsidyClaimsListPage } from '../routes/subsidy-claims-list-page';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <ErrorPage /> },
  // --- public site, no login (area E: shell and notices; other areas add /public/bases, /public/catalogue) ---
  {
    path: '/public',
    element: <PublicLayout />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <PublicHomePage /> },
      { path: 'notices', element: <PublicNoticesPage /> },
      { path: 'notices/:id', element: <PublicNoticeDetailPage /> },
      { path: 'objections/lookup', element: <PublicObjectionLookupPage /> },
      { path: 'bases', element: <AccreditationPublicPage /> }, // area B: accreditation
      { path: 'catalogue', element: <CataloguePublicPage /> }, // area D: catalogue
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // --- end public site ---
  // --- public certificate check, no login (area F: certificates); the QR code on a certificate opens /verify/<code> ---
  {
    path: '/verify',
    element: <PublicLayout />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <CertificatesVerifyPage /> },
      { path: ':code', element: <CertificatesVerifyPage /> },
    ],
  },
  // --- end public certificate check ---
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
      // --- public notice, staff side (area E: notices) ---
      {
        path: 'notices',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="notices.read">
                <NoticesListPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="notices.read">
                <NoticesDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end public notice ---
      // --- institutions (area A: institutions) ---
      {
        path: 'institutions',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="institutions.read">
                <InstitutionsListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="institutions.write">
                <InstitutionsNewPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="institutions.read">
                <InstitutionsDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="institutions.write">
                <InstitutionsEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      {
        path: 'my-institution',
        element: (
          <RequireAction action="my_institution.read">
            <MyInstitutionPage />
          </RequireAction>
        ),
      },
      // --- end institutions ---
      // --- base accreditation and county coverage (area B: accreditation) ---
      {
        path: 'accreditations',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="accreditation.read">
                <AccreditationListPage />
              </RequireAction>
            ),
          },
          {
            path: 'apply',
            element: (
              <RequireAction action="accreditation.apply">
                <AccreditationApplyPage />
              </RequireAction>
            ),
          },
          {
            path: 'reminders',
            element: (
              <RequireAction action="accreditation.read">
                <AccreditationRemindersPage />
              </RequireAction>
            ),
          },
          {
            path: 'evaluation-sheet',
            element: (
              <RequireAction action="accreditation.read">
                <AccreditationSheetPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="accreditation.read">
                <AccreditationDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      {
        path: 'coverage',
        element: (
          <RequireAction action="coverage.read">
            <CoveragePage />
          </RequireAction>
        ),
      },
      // --- end base accreditation ---
      // --- trainer pool (area C: trainers) ---
      {
        path: 'trainers',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="trainers.read">
                <TrainersListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="trainers.write">
                <TrainersNewPage />
              </RequireAction>
            ),
          },
          {
            path: 'rotation-due',
            element: (
              <RequireAction action="trainers.read">
                <TrainersRotationDuePage />
              </RequireAction>
            ),
          },
          {
            path: 'bases',
            element: (
              <RequireAction action="trainers.read">
                <TrainersBasesPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="trainers.read">
                <TrainersDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="trainers.write">
                <TrainersEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end trainer pool ---
      // --- catalogue, competitions and high-skill talent (area D: catalogue) ---
      {
        path: 'catalogue',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="catalogue.read">
                <CatalogueListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="catalogue.write">
                <CatalogueNewPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="catalogue.read">
                <CatalogueDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="catalogue.write">
                <CatalogueEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      {
        path: 'contests',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="contests.read">
                <ContestsListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="contests.write">
                <ContestsNewPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="contests.read">
                <ContestsDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="contests.write">
                <ContestsEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      {
        path: 'talent',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="talent.read">
                <TalentRosterPage />
              </RequireAction>
            ),
          },
          {
            path: 'candidates',
            element: (
              <RequireAction action="talent.read">
                <TalentCandidatesPage />
              </RequireAction>
            ),
          },
          {
            path: 'apprenticeships',
            element: (
              <RequireAction action="talent.read">
                <TalentApprenticeshipsPage />
              </RequireAction>
            ),
          },
          {
            path: 'apprenticeships/new',
            element: (
              <RequireAction action="talent.write">
                <TalentApprenticeshipNewPage />
              </RequireAction>
            ),
          },
          {
            path: 'apprenticeships/:id',
            element: (
              <RequireAction action="talent.read">
                <TalentApprenticeshipDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end catalogue ---
      // --- training classes (issue 5, area B: classes; other class areas add their pages after this block) ---
      {
        path: 'classes',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="classes.read">
                <ClassesListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="classes.apply">
                <ClassesNewPage />
              </RequireAction>
            ),
          },
          {
            path: 'review',
            element: (
              <RequireAction action="classes.review">
                <ClassesReviewPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="classes.read">
                <ClassesDetailPage />
              </RequireAction>
            ),
          },
          {
            path: ':id/edit',
            element: (
              <RequireAction action="classes.apply">
                <ClassesEditPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end training classes ---
      // --- process inspections (area E: inspections) ---
      {
        path: 'inspections',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="inspections.read">
                <InspectionsPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="inspections.read">
                <InspectionsDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end process inspections ---
      // --- subsidies (issue 6): each area adds its routes in its own block ---
      // --- subsidies area A: standards, funds and ledger ---
      {
        path: 'subsidies/standards',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="subsidy_standards.read">
                <SubsidyStandardsListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="subsidy_standards.write">
                <SubsidyStandardsNewPage />
              </RequireAction>
            ),
          },
        ],
      },
      {
        path: 'funds',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="funds.read">
                <FundsListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="funds.write">
                <FundsNewPage />
              </RequireAction>
            ),
          },
          {
            path: 'reconciliation',
            element: (
              <RequireAction action="funds.read">
                <FundsReconciliationPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="funds.read">
                <FundsDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end subsidies area A ---
      // --- subsidies area B: claims ---
      {
        path: 'subsidies/claims',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="subsidy_claims.read">
                <SubsidyClaimsListPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="subsidy_claims.read">
                <SubsidyClaimsDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end subsidies area B ---
      // --- subsidies area C: notice and approval ---
      {
        path: 'subsidies/notices',
        element: (
          <RequireAction action="subsidy_claims.prepare">
            <SubsidyNoticesListPage />
          </RequireAction>
        ),
      },
      {
        path: 'subsidies/review',
        element: (
          <RequireAction action="subsidy_claims.approve">
            <SubsidyReviewQueuePage />
          </RequireAction>
        ),
      },
      // --- end subsidies area C ---
      // --- subsidies area D: payments ---
      {
        path: 'subsidies/batches',
        children: [
          {
            index: true,
            element: (
              <RequireAction action="payments.read">
                <PaymentBatchesListPage />
              </RequireAction>
            ),
          },
          {
            path: 'new',
            element: (
              <RequireAction action="payments.manage">
                <PaymentBatchesNewPage />
              </RequireAction>
            ),
          },
          {
            path: ':id',
            element: (
              <RequireAction action="payments.read">
                <PaymentBatchesDetailPage />
              </RequireAction>
            ),
          },
        ],
      },
      // --- end subsidies area D ---
      // --- subsidies area E: money trail and fraud signals ---
      {
        path: 'subsidies/trail/claims/:id',
        element: (
          <RequireAction action="money_trail.read">
            <MoneyTrailClaimPage />
          </RequireAction>
        ),
      },
      {
        path: 'subsidies/trail/classes/:id',
        element: (
          <RequireAction action="money_trail.read">
            <MoneyTrailClassPage />
          </RequireAction>
        ),
      },
      {
        path: 'subsidies/fraud-signals',
        element: (
          <RequireAction action="fraud_signals.read">
            <FraudSignalsPage />
          </RequireAction>
        ),
      },
      // --- end subsidies area E ---
      // --- satisfaction survey (area G: satisfaction) ---
      {
        path: 'satisfaction',
        element: (
          <RequireAction action="satisfaction.read">
            <SatisfactionSummaryPage />
          </RequireAction>
        ),
      },
      {
        path: 'my/classes/:classId/survey',
        element: (
          <RequireAction action="satisfaction.answer">
            <SatisfactionMySurveyPage />
          </RequireAction>
        ),
      },
      // --- end satisfaction survey ---
      // --- enrolment (area C: enrolment): the trainee's classes and open classes ---
      {
        path: 'my/classes',
        element: (
          <RequireAction action="my_classes.read">
            <EnrolmentMyClassesPage />
          </RequireAction>
        ),
      },
      // --- end enrolment ---
      // --- attendance (area D): QR sign-in landing ---
      {
        path: 'attend/:token',
        element: (
          <RequireAction action="attendance.scan">
            <AttendanceScanPage />
          </RequireAction>
        ),
      },
      // --- end attendance ---
      // --- certificates (area F): the printable twin of a training certificate ---
      {
        path: 'certificates/:id',
        element: (
          <RequireAction action="certificates.read">
            <CertificatesDetailPage />
          </RequireAction>
        ),
      },
      // --- end certificates ---
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

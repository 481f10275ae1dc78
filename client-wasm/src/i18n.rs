//! Every string of the interface, in one catalogue, complete in the six official
//! languages of the United Nations. English, French and Spanish sit together in the macro
//! below, which makes a key without all three fail to compile; Arabic, Chinese and Russian
//! are the exhaustive `match`es at the end (`ar`, `zh`, `ru`), so a key missing
//! from any of them fails to compile too. There is no fallback to English. Meeting
//! procedure uses the terms of the United Nations in each language (chair, point of
//! order, right of reply, speakers list, quorum, booth...). Arabic sets `dir="rtl"`.
//!
//! Strings with `{0}`, `{1}` take arguments: [`Lang::fill`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
    Ar,
    Zh,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.get(..2)?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, for the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::Ru => "Русский",
        }
    }

    /// The `dir` attribute of the page.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    pub fn t(self, key: T) -> &'static str {
        match self {
            Lang::En => key.en(),
            Lang::Fr => key.fr(),
            Lang::Es => key.es(),
            Lang::Ar => ar(key),
            Lang::Zh => zh(key),
            Lang::Ru => ru(key),
        }
    }

    /// The string with `{0}`, `{1}`, ... replaced by `args`.
    pub fn fill(self, key: T, args: &[&str]) -> String {
        let mut s = self.t(key).to_string();
        for (i, a) in args.iter().enumerate() {
            s = s.replace(&format!("{{{i}}}"), a);
        }
        s
    }
}

macro_rules! catalogue {
    ($( $key:ident { en: $en:literal, fr: $fr:literal, es: $es:literal } )*) => {
        /// A string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];
            pub fn en(self) -> &'static str { match self { $(T::$key => $en),* } }
            pub fn fr(self) -> &'static str { match self { $(T::$key => $fr),* } }
            pub fn es(self) -> &'static str { match self { $(T::$key => $es),* } }
        }
    };
}

catalogue! {
    AppName { en: "Floor", fr: "Floor", es: "Floor" }
    Language { en: "Language", fr: "Langue", es: "Idioma" }
    SignIn { en: "Sign in", fr: "Connexion", es: "Iniciar sesión" }
    SignOut { en: "Sign out", fr: "Se déconnecter", es: "Cerrar sesión" }
    InvitationHeading { en: "Join with an invitation", fr: "Rejoindre avec une invitation", es: "Unirse con una invitación" }
    InvitationCode { en: "Invitation code", fr: "Code d'invitation", es: "Código de invitación" }
    Join { en: "Join", fr: "Rejoindre", es: "Unirse" }
    SecretariatHeading { en: "Secretariat sign-in", fr: "Connexion du secrétariat", es: "Acceso de la secretaría" }
    Username { en: "Username", fr: "Nom d'utilisateur", es: "Nombre de usuario" }
    Password { en: "Password", fr: "Mot de passe", es: "Contraseña" }
    SigningIn { en: "Signing in…", fr: "Connexion en cours…", es: "Iniciando sesión…" }
    SignedInAs { en: "Signed in as {0} ({1})", fr: "Connecté en tant que {0} ({1})", es: "Sesión iniciada como {0} ({1})" }
    ChooseMeeting { en: "Choose a meeting", fr: "Choisir une séance", es: "Elegir una sesión" }
    NoMeetings { en: "There is no meeting yet.", fr: "Il n'y a pas encore de séance.", es: "Todavía no hay ninguna sesión." }
    Loading { en: "Loading…", fr: "Chargement…", es: "Cargando…" }
    Connected { en: "Connected", fr: "Connecté", es: "Conectado" }
    Connecting { en: "Connecting…", fr: "Connexion…", es: "Conectando…" }
    Reconnecting { en: "Connection lost. Reconnecting in {0} s…", fr: "Connexion perdue. Nouvelle tentative dans {0} s…", es: "Conexión perdida. Reintentando en {0} s…" }
    CaughtUp { en: "Reconnected; caught up.", fr: "Reconnecté ; à jour.", es: "Reconectado; al día." }
    // roles
    RoleChair { en: "Chair", fr: "Président", es: "Presidencia" }
    RoleDelegate { en: "Delegate", fr: "Délégué", es: "Delegado" }
    RoleSecretariat { en: "Secretariat", fr: "Secrétariat", es: "Secretaría" }
    RoleInterpreter { en: "Interpreter", fr: "Interprète", es: "Intérprete" }
    RoleRoom { en: "Room display", fr: "Écran de la salle", es: "Pantalla de la sala" }
    RoleViewer { en: "Viewer", fr: "Spectateur", es: "Espectador" }
    // meeting status
    StatusScheduled { en: "Scheduled", fr: "Prévue", es: "Programada" }
    StatusOpen { en: "Open", fr: "Ouverte", es: "Abierta" }
    StatusSuspended { en: "Suspended", fr: "Suspendue", es: "Suspendida" }
    StatusClosed { en: "Closed", fr: "Levée", es: "Levantada" }
    MeetingStatus { en: "Meeting: {0}", fr: "Séance : {0}", es: "Sesión: {0}" }
    // agenda and floor
    CurrentItem { en: "Current item", fr: "Point en discussion", es: "Tema en examen" }
    NoCurrentItem { en: "No item has been taken up.", fr: "Aucun point n'est en discussion.", es: "No se está examinando ningún tema." }
    Agenda { en: "Agenda", fr: "Ordre du jour", es: "Programa" }
    TakeUp { en: "Take up", fr: "Examiner", es: "Examinar" }
    TheFloor { en: "The floor", fr: "La parole", es: "El uso de la palabra" }
    NobodyHasFloor { en: "Nobody has the floor.", fr: "Personne n'a la parole.", es: "Nadie tiene la palabra." }
    HasTheFloor { en: "{0} has the floor", fr: "{0} a la parole", es: "{0} tiene la palabra" }
    YouHaveTheFloor { en: "You have the floor", fr: "Vous avez la parole", es: "Tiene usted la palabra" }
    TimeLeft { en: "{0} left", fr: "{0} restantes", es: "Quedan {0}" }
    TimeOver { en: "{0} over time", fr: "{0} de dépassement", es: "{0} de exceso" }
    Paused { en: "Paused", fr: "En pause", es: "En pausa" }
    InPerson { en: "In person", fr: "En personne", es: "Presencial" }
    Remote { en: "Remote", fr: "À distance", es: "A distancia" }
    // entry kinds
    KindStatement { en: "Statement", fr: "Déclaration", es: "Declaración" }
    KindOnBehalf { en: "On behalf of {0}", fr: "Au nom de {0}", es: "En nombre de {0}" }
    KindExplanation { en: "Explanation of vote", fr: "Explication de vote", es: "Explicación de voto" }
    KindReply { en: "Right of reply", fr: "Droit de réponse", es: "Derecho de respuesta" }
    KindPointOfOrder { en: "Point of order", fr: "Motion d'ordre", es: "Cuestión de orden" }
    KindMotion { en: "Procedural motion", fr: "Motion de procédure", es: "Moción de procedimiento" }
    // speakers list
    SpeakersList { en: "Speakers list", fr: "Liste des orateurs", es: "Lista de oradores" }
    ListEmpty { en: "Nobody is inscribed.", fr: "Aucun orateur inscrit.", es: "No hay oradores inscritos." }
    Interventions { en: "Points of order and motions", fr: "Motions d'ordre et de procédure", es: "Cuestiones de orden y mociones" }
    Replies { en: "Rights of reply", fr: "Droits de réponse", es: "Derechos de respuesta" }
    NextSpeakers { en: "Next speakers", fr: "Prochains orateurs", es: "Próximos oradores" }
    ListOpen { en: "The list is open.", fr: "La liste est ouverte.", es: "La lista está abierta." }
    ListClosingAnnounced { en: "The list will close soon.", fr: "La liste sera bientôt close.", es: "La lista se cerrará pronto." }
    ListClosed { en: "The list is closed.", fr: "La liste est close.", es: "La lista está cerrada." }
    AwaitingRuling { en: "Awaiting the chair's ruling", fr: "En attente de la décision du président", es: "A la espera de la decisión de la presidencia" }
    Position { en: "Position {0}", fr: "Position {0}", es: "Posición {0}" }
    // delegate actions
    AskFloor { en: "Ask for the floor", fr: "Demander la parole", es: "Pedir la palabra" }
    RaisePointOfOrder { en: "Raise a point of order", fr: "Soulever une motion d'ordre", es: "Plantear una cuestión de orden" }
    AskReply { en: "Ask for a right of reply", fr: "Demander un droit de réponse", es: "Pedir un derecho de respuesta" }
    Withdraw { en: "Withdraw", fr: "Retirer", es: "Retirar" }
    YourDelegation { en: "Your delegation: {0}", fr: "Votre délégation : {0}", es: "Su delegación: {0}" }
    CheckIn { en: "Attendance", fr: "Présence", es: "Asistencia" }
    YouAttend { en: "You attend: {0}", fr: "Vous participez : {0}", es: "Usted participa: {0}" }
    NotCheckedIn { en: "You have not checked in.", fr: "Vous n'avez pas signalé votre présence.", es: "No ha registrado su asistencia." }
    // media
    Listening { en: "Listening", fr: "Écoute", es: "Escucha" }
    Channel { en: "Channel", fr: "Canal", es: "Canal" }
    FloorOriginal { en: "Floor (original)", fr: "Parquet (original)", es: "Sala (original)" }
    OriginalLow { en: "Original at low volume", fr: "Original à faible volume", es: "Original a bajo volumen" }
    MicLive { en: "Your microphone and camera are live.", fr: "Votre micro et votre caméra sont actifs.", es: "Su micrófono y su cámara están activos." }
    MicOff { en: "Your microphone and camera are off.", fr: "Votre micro et votre caméra sont coupés.", es: "Su micrófono y su cámara están apagados." }
    MediaJoining { en: "Connecting sound and video…", fr: "Connexion du son et de la vidéo…", es: "Conectando sonido y vídeo…" }
    MediaOn { en: "Sound and video connected.", fr: "Son et vidéo connectés.", es: "Sonido y vídeo conectados." }
    MediaFailed { en: "Sound and video could not connect: {0}", fr: "Le son et la vidéo n'ont pas pu se connecter : {0}", es: "No se pudo conectar el sonido y el vídeo: {0}" }
    NoDevices { en: "No microphone or camera could be used; you can still listen.", fr: "Aucun micro ni caméra utilisable ; vous pouvez écouter.", es: "No se puede usar micrófono ni cámara; puede escuchar." }
    SpeakerVideo { en: "The speaker's video", fr: "La vidéo de l'orateur", es: "El vídeo del orador" }
    // documents
    Documents { en: "Documents", fr: "Documents", es: "Documentos" }
    NoDocuments { en: "No documents.", fr: "Aucun document.", es: "No hay documentos." }
    // chair
    NextSpeaker { en: "Next speaker", fr: "Orateur suivant", es: "Siguiente orador" }
    GiveFloor { en: "Give the floor", fr: "Donner la parole", es: "Dar la palabra" }
    Pause { en: "Pause", fr: "Pause", es: "Pausa" }
    Resume { en: "Resume", fr: "Reprendre", es: "Reanudar" }
    EndSpeech { en: "End the speech", fr: "Mettre fin à l'intervention", es: "Terminar la intervención" }
    OpenMeeting { en: "Open the meeting", fr: "Ouvrir la séance", es: "Abrir la sesión" }
    SuspendMeeting { en: "Suspend", fr: "Suspendre", es: "Suspender" }
    ResumeMeeting { en: "Resume the meeting", fr: "Reprendre la séance", es: "Reanudar la sesión" }
    CloseMeeting { en: "Close the meeting", fr: "Lever la séance", es: "Levantar la sesión" }
    AnnounceClosing { en: "Announce closing of the list", fr: "Annoncer la clôture de la liste", es: "Anunciar el cierre de la lista" }
    CloseList { en: "Close the list", fr: "Clore la liste", es: "Cerrar la lista" }
    ReopenList { en: "Reopen the list", fr: "Rouvrir la liste", es: "Reabrir la lista" }
    MoveUp { en: "Move up", fr: "Monter", es: "Subir" }
    MoveDown { en: "Move down", fr: "Descendre", es: "Bajar" }
    Uphold { en: "Uphold", fr: "Accepter", es: "Aceptar" }
    RejectRuling { en: "Reject", fr: "Rejeter", es: "Rechazar" }
    RuleOn { en: "Rule on the point of order of {0}", fr: "Statuer sur la motion de {0}", es: "Decidir sobre la cuestión de {0}" }
    Attendance { en: "Attendance", fr: "Présence", es: "Asistencia" }
    QuorumLine { en: "Members present: {0} of {1}; quorum {2}", fr: "Membres présents : {0} sur {1} ; quorum {2}", es: "Miembros presentes: {0} de {1}; quórum {2}" }
    QuorumMet { en: "Quorum met", fr: "Quorum atteint", es: "Hay quórum" }
    QuorumNotMet { en: "No quorum", fr: "Quorum non atteint", es: "No hay quórum" }
    WhoIsTalking { en: "Who is talking", fr: "Qui parle", es: "Quién habla" }
    Silence { en: "Nobody is talking.", fr: "Personne ne parle.", es: "Nadie está hablando." }
    Heard { en: "heard", fr: "entendu", es: "se oye" }
    NotHeard { en: "not heard", fr: "non entendu", es: "no se oye" }
    DragHint { en: "Drag an entry, or use Move up and Move down, to reorder.", fr: "Faites glisser une entrée, ou utilisez Monter et Descendre, pour réordonner.", es: "Arrastre una entrada, o use Subir y Bajar, para reordenar." }
    // interpreter
    Booth { en: "Booth {0}", fr: "Cabine {0}", es: "Cabina {0}" }
    NotInBooth { en: "You are not assigned to a booth in this meeting.", fr: "Vous n'êtes affecté à aucune cabine pour cette séance.", es: "No está asignado a ninguna cabina en esta sesión." }
    Incoming { en: "Incoming sound", fr: "Son entrant", es: "Sonido entrante" }
    RelayFrom { en: "Relay from {0}", fr: "Relais depuis {0}", es: "Relé desde {0}" }
    TakeMic { en: "Microphone on", fr: "Micro ouvert", es: "Micrófono encendido" }
    ReleaseMic { en: "Microphone off", fr: "Micro fermé", es: "Micrófono apagado" }
    MicIsLive { en: "Your microphone is live on {0}.", fr: "Votre micro est ouvert sur {0}.", es: "Su micrófono está abierto en {0}." }
    PartnerLive { en: "Your partner's microphone is live; switching yours on hands over.", fr: "Le micro de votre collègue est ouvert ; ouvrir le vôtre prend le relais.", es: "El micrófono de su colega está abierto; encender el suyo toma el relevo." }
    ChannelSilent { en: "The channel is silent.", fr: "Le canal est silencieux.", es: "El canal está en silencio." }
    Cough { en: "Hold to mute (cough)", fr: "Maintenir pour couper (toux)", es: "Mantener para silenciar (tos)" }
    SlowDown { en: "Ask the speaker to slow down", fr: "Demander à l'orateur de ralentir", es: "Pedir al orador que hable más despacio" }
    SlowDownAsked { en: "The interpreters ask the speaker to slow down: {0}", fr: "Les interprètes demandent à l'orateur de ralentir : {0}", es: "Los intérpretes piden al orador que hable más despacio: {0}" }
    // secretariat
    Setup { en: "Set-up", fr: "Préparation", es: "Preparación" }
    Sessions { en: "Sessions", fr: "Sessions", es: "Períodos de sesiones" }
    Meetings { en: "Meetings", fr: "Séances", es: "Sesiones" }
    NewMeeting { en: "New meeting", fr: "Nouvelle séance", es: "Nueva sesión" }
    Title { en: "Title", fr: "Titre", es: "Título" }
    Create { en: "Create", fr: "Créer", es: "Crear" }
    Delegations { en: "Delegations", fr: "Délégations", es: "Delegaciones" }
    NewDelegation { en: "New delegation", fr: "Nouvelle délégation", es: "Nueva delegación" }
    Name { en: "Name", fr: "Nom", es: "Nombre" }
    Kind { en: "Kind", fr: "Type", es: "Tipo" }
    Participants { en: "Participants", fr: "Participants", es: "Participantes" }
    NewParticipant { en: "New participant", fr: "Nouveau participant", es: "Nuevo participante" }
    Role { en: "Role", fr: "Rôle", es: "Función" }
    Delegation { en: "Delegation", fr: "Délégation", es: "Delegación" }
    NoDelegation { en: "(none)", fr: "(aucune)", es: "(ninguna)" }
    Invite { en: "Invite", fr: "Inviter", es: "Invitar" }
    InvitationFor { en: "Invitation for {0}: code {1} (link {2})", fr: "Invitation pour {0} : code {1} (lien {2})", es: "Invitación para {0}: código {1} (enlace {2})" }
    Inscribe { en: "Inscribe on the delegation's behalf", fr: "Inscrire au nom de la délégation", es: "Inscribir en nombre de la delegación" }
    AgendaNumber { en: "Number", fr: "Numéro", es: "Número" }
    AddAgendaItem { en: "Add agenda item", fr: "Ajouter un point", es: "Añadir un tema" }
    RunMeeting { en: "Run the meeting", fr: "Conduire la séance", es: "Dirigir la sesión" }
    // outcomes
    Done { en: "Done: {0}", fr: "Fait : {0}", es: "Hecho: {0}" }
    Refused { en: "Refused: {0}", fr: "Refusé : {0}", es: "Rechazado: {0}" }
    Failed { en: "It did not work: {0}", fr: "Cela n'a pas fonctionné : {0}", es: "No funcionó: {0}" }
    SessionExpired { en: "Your sign-in has expired; sign in again.", fr: "Votre connexion a expiré ; reconnectez-vous.", es: "Su sesión ha caducado; inicie sesión de nuevo." }
    Delegation0 { en: "Delegation {0}", fr: "Délégation {0}", es: "Delegación {0}" }
}

/// Arabic, written right to left ([`Lang::dir`]). The user is addressed in the plural of
/// courtesy, as in United Nations documents.
fn ar(key: T) -> &'static str {
    match key {
        T::AppName => "Floor",
        T::Language => "اللغة",
        T::SignIn => "تسجيل الدخول",
        T::SignOut => "تسجيل الخروج",
        T::InvitationHeading => "الانضمام بموجب دعوة",
        T::InvitationCode => "رمز الدعوة",
        T::Join => "انضمام",
        T::SecretariatHeading => "تسجيل دخول الأمانة",
        T::Username => "اسم المستخدم",
        T::Password => "كلمة المرور",
        T::SigningIn => "جارٍ تسجيل الدخول…",
        T::SignedInAs => "تم تسجيل الدخول باسم {0} ({1})",
        T::ChooseMeeting => "اختيار جلسة",
        T::NoMeetings => "لا توجد جلسات بعد.",
        T::Loading => "جارٍ التحميل…",
        T::Connected => "متصل",
        T::Connecting => "جارٍ الاتصال…",
        T::Reconnecting => "انقطع الاتصال. إعادة الاتصال خلال {0} ثانية…",
        T::CaughtUp => "أُعيد الاتصال؛ البيانات محدَّثة.",
        // roles
        T::RoleChair => "الرئيس",
        T::RoleDelegate => "مندوب",
        T::RoleSecretariat => "الأمانة",
        T::RoleInterpreter => "مترجم شفوي",
        T::RoleRoom => "شاشة القاعة",
        T::RoleViewer => "مُشاهِد",
        // meeting status
        T::StatusScheduled => "مقرَّرة",
        T::StatusOpen => "مفتوحة",
        T::StatusSuspended => "معلَّقة",
        T::StatusClosed => "مرفوعة",
        T::MeetingStatus => "الجلسة: {0}",
        // agenda and floor
        T::CurrentItem => "البند قيد النظر",
        T::NoCurrentItem => "لم يُشرَع في النظر في أي بند.",
        T::Agenda => "جدول الأعمال",
        T::TakeUp => "بدء النظر",
        T::TheFloor => "الكلمة",
        T::NobodyHasFloor => "لم تُعطَ الكلمة لأحد.",
        T::HasTheFloor => "يتناول الكلمة الآن: {0}",
        T::YouHaveTheFloor => "الكلمة لكم",
        T::TimeLeft => "الوقت المتبقي: {0}",
        T::TimeOver => "تجاوز الوقت المحدد: {0}",
        T::Paused => "متوقف مؤقتًا",
        T::InPerson => "حضوريًا",
        T::Remote => "عن بُعد",
        // entry kinds
        T::KindStatement => "بيان",
        T::KindOnBehalf => "باسم {0}",
        T::KindExplanation => "تعليل التصويت",
        T::KindReply => "حق الرد",
        T::KindPointOfOrder => "نقطة نظام",
        T::KindMotion => "اقتراح إجرائي",
        // speakers list
        T::SpeakersList => "قائمة المتكلمين",
        T::ListEmpty => "لا يوجد متكلمون مسجَّلون.",
        T::Interventions => "نقاط النظام والاقتراحات الإجرائية",
        T::Replies => "ممارسة حق الرد",
        T::NextSpeakers => "المتكلمون التالون",
        T::ListOpen => "قائمة المتكلمين مفتوحة.",
        T::ListClosingAnnounced => "ستُقفَل قائمة المتكلمين قريبًا.",
        T::ListClosed => "أُقفِلت قائمة المتكلمين.",
        T::AwaitingRuling => "في انتظار قرار الرئيس",
        T::Position => "الترتيب: {0}",
        // delegate actions
        T::AskFloor => "طلب الكلمة",
        T::RaisePointOfOrder => "إثارة نقطة نظام",
        T::AskReply => "طلب ممارسة حق الرد",
        T::Withdraw => "سحب",
        T::YourDelegation => "وفدكم: {0}",
        T::CheckIn => "تسجيل الحضور",
        T::YouAttend => "طريقة مشاركتكم: {0}",
        T::NotCheckedIn => "لم تسجلوا حضوركم بعد.",
        // media
        T::Listening => "الاستماع",
        T::Channel => "القناة",
        T::FloorOriginal => "القاعة (اللغة الأصلية)",
        T::OriginalLow => "الصوت الأصلي بمستوى منخفض",
        T::MicLive => "الميكروفون والكاميرا لديكم قيد التشغيل.",
        T::MicOff => "الميكروفون والكاميرا لديكم مُطفآن.",
        T::MediaJoining => "جارٍ توصيل الصوت والفيديو…",
        T::MediaOn => "تم توصيل الصوت والفيديو.",
        T::MediaFailed => "تعذَّر توصيل الصوت والفيديو: {0}",
        T::NoDevices => "تعذَّر استخدام الميكروفون أو الكاميرا؛ لا يزال بإمكانكم الاستماع.",
        T::SpeakerVideo => "فيديو المتكلم",
        // documents
        T::Documents => "الوثائق",
        T::NoDocuments => "لا توجد وثائق.",
        // chair
        T::NextSpeaker => "المتكلم التالي",
        T::GiveFloor => "إعطاء الكلمة",
        T::Pause => "إيقاف مؤقت",
        T::Resume => "استئناف",
        T::EndSpeech => "إنهاء الكلمة",
        T::OpenMeeting => "افتتاح الجلسة",
        T::SuspendMeeting => "تعليق الجلسة",
        T::ResumeMeeting => "استئناف الجلسة",
        T::CloseMeeting => "رفع الجلسة",
        T::AnnounceClosing => "الإعلان عن إقفال القائمة",
        T::CloseList => "إقفال القائمة",
        T::ReopenList => "إعادة فتح القائمة",
        T::MoveUp => "نقل إلى الأعلى",
        T::MoveDown => "نقل إلى الأسفل",
        T::Uphold => "قبول",
        T::RejectRuling => "رفض",
        T::RuleOn => "البتّ في نقطة النظام المُثارة من جانب {0}",
        T::Attendance => "الحضور",
        T::QuorumLine => "الأعضاء الحاضرون: {0} من أصل {1}؛ النصاب القانوني: {2}",
        T::QuorumMet => "النصاب القانوني مكتمل",
        T::QuorumNotMet => "النصاب القانوني غير مكتمل",
        T::WhoIsTalking => "من يتكلم",
        T::Silence => "لا أحد يتكلم.",
        T::Heard => "مسموع",
        T::NotHeard => "غير مسموع",
        T::DragHint => {
            "لإعادة الترتيب، اسحبوا أحد القيود أو استخدموا «نقل إلى الأعلى» و«نقل إلى الأسفل»."
        }
        // interpreter
        T::Booth => "مقصورة {0}",
        T::NotInBooth => "لم تُعيَّنوا في أي مقصورة في هذه الجلسة.",
        T::Incoming => "الصوت الوارد",
        T::RelayFrom => "ترجمة وسيطة من {0}",
        T::TakeMic => "تشغيل الميكروفون",
        T::ReleaseMic => "إطفاء الميكروفون",
        T::MicIsLive => "الميكروفون لديكم مفتوح على القناة {0}.",
        T::PartnerLive => "ميكروفون زميلكم مفتوح؛ وبتشغيل ميكروفونكم تتسلَّمون الترجمة منه.",
        T::ChannelSilent => "لا صوت على القناة.",
        T::Cough => "اضغطوا باستمرار لكتم الصوت (سعال)",
        T::SlowDown => "الطلب من المتكلم التمهُّل",
        T::SlowDownAsked => "يطلب المترجمون الشفويون من المتكلم التمهُّل: {0}",
        // secretariat
        T::Setup => "الإعداد",
        T::Sessions => "الدورات",
        T::Meetings => "الجلسات",
        T::NewMeeting => "جلسة جديدة",
        T::Title => "العنوان",
        T::Create => "إنشاء",
        T::Delegations => "الوفود",
        T::NewDelegation => "وفد جديد",
        T::Name => "الاسم",
        T::Kind => "النوع",
        T::Participants => "المشاركون",
        T::NewParticipant => "مشارك جديد",
        T::Role => "الدور",
        T::Delegation => "الوفد",
        T::NoDelegation => "(لا يوجد)",
        T::Invite => "دعوة",
        T::InvitationFor => "دعوة موجَّهة إلى {0}: الرمز {1} (الرابط {2})",
        T::Inscribe => "التسجيل نيابة عن الوفد",
        T::AgendaNumber => "الرقم",
        T::AddAgendaItem => "إضافة بند إلى جدول الأعمال",
        T::RunMeeting => "إدارة الجلسة",
        // outcomes
        T::Done => "تم: {0}",
        T::Refused => "رُفض: {0}",
        T::Failed => "لم تنجح العملية: {0}",
        T::SessionExpired => "انتهت صلاحية تسجيل دخولكم؛ يُرجى تسجيل الدخول مجددًا.",
        T::Delegation0 => "الوفد {0}",
    }
}

/// Chinese (simplified), with full-width punctuation.
fn zh(key: T) -> &'static str {
    match key {
        T::AppName => "Floor",
        T::Language => "语言",
        T::SignIn => "登录",
        T::SignOut => "退出登录",
        T::InvitationHeading => "凭邀请加入",
        T::InvitationCode => "邀请码",
        T::Join => "加入",
        T::SecretariatHeading => "秘书处登录",
        T::Username => "用户名",
        T::Password => "密码",
        T::SigningIn => "正在登录…",
        T::SignedInAs => "已登录：{0}（{1}）",
        T::ChooseMeeting => "选择会议",
        T::NoMeetings => "尚无会议。",
        T::Loading => "正在加载…",
        T::Connected => "已连接",
        T::Connecting => "正在连接…",
        T::Reconnecting => "连接中断。{0}秒后重新连接…",
        T::CaughtUp => "已重新连接，内容已同步。",
        // roles
        T::RoleChair => "主席",
        T::RoleDelegate => "代表",
        T::RoleSecretariat => "秘书处",
        T::RoleInterpreter => "口译员",
        T::RoleRoom => "会场显示屏",
        T::RoleViewer => "旁听者",
        // meeting status
        T::StatusScheduled => "已排定",
        T::StatusOpen => "已开会",
        T::StatusSuspended => "已暂停",
        T::StatusClosed => "已散会",
        T::MeetingStatus => "会议：{0}",
        // agenda and floor
        T::CurrentItem => "当前审议的项目",
        T::NoCurrentItem => "尚未开始审议任何项目。",
        T::Agenda => "议程",
        T::TakeUp => "开始审议",
        T::TheFloor => "发言",
        T::NobodyHasFloor => "目前无人发言。",
        T::HasTheFloor => "{0}正在发言",
        T::YouHaveTheFloor => "请您发言",
        T::TimeLeft => "剩余{0}",
        T::TimeOver => "超时{0}",
        T::Paused => "已暂停",
        T::InPerson => "现场出席",
        T::Remote => "远程出席",
        // entry kinds
        T::KindStatement => "发言",
        T::KindOnBehalf => "代表{0}",
        T::KindExplanation => "解释投票",
        T::KindReply => "答辩权",
        T::KindPointOfOrder => "程序问题",
        T::KindMotion => "程序动议",
        // speakers list
        T::SpeakersList => "发言名单",
        T::ListEmpty => "无人登记发言。",
        T::Interventions => "程序问题和动议",
        T::Replies => "行使答辩权",
        T::NextSpeakers => "接下来的发言者",
        T::ListOpen => "发言名单已开放。",
        T::ListClosingAnnounced => "发言名单即将截止。",
        T::ListClosed => "发言名单已截止。",
        T::AwaitingRuling => "等待主席裁决",
        T::Position => "第{0}位",
        // delegate actions
        T::AskFloor => "请求发言",
        T::RaisePointOfOrder => "提出程序问题",
        T::AskReply => "请求行使答辩权",
        T::Withdraw => "撤回",
        T::YourDelegation => "贵代表团：{0}",
        T::CheckIn => "登记出席",
        T::YouAttend => "出席方式：{0}",
        T::NotCheckedIn => "您尚未登记出席。",
        // media
        T::Listening => "收听",
        T::Channel => "频道",
        T::FloorOriginal => "会场（原声）",
        T::OriginalLow => "低音量播放原声",
        T::MicLive => "您的麦克风和摄像头已开启。",
        T::MicOff => "您的麦克风和摄像头已关闭。",
        T::MediaJoining => "正在连接音频和视频…",
        T::MediaOn => "音频和视频已连接。",
        T::MediaFailed => "无法连接音频和视频：{0}",
        T::NoDevices => "无法使用麦克风或摄像头；您仍可收听。",
        T::SpeakerVideo => "发言者视频",
        // documents
        T::Documents => "文件",
        T::NoDocuments => "无文件。",
        // chair
        T::NextSpeaker => "下一位发言者",
        T::GiveFloor => "准予发言",
        T::Pause => "暂停",
        T::Resume => "继续",
        T::EndSpeech => "结束发言",
        T::OpenMeeting => "宣布开会",
        T::SuspendMeeting => "暂停会议",
        T::ResumeMeeting => "复会",
        T::CloseMeeting => "宣布散会",
        T::AnnounceClosing => "宣布发言名单即将截止",
        T::CloseList => "截止发言名单",
        T::ReopenList => "重新开放发言名单",
        T::MoveUp => "上移",
        T::MoveDown => "下移",
        T::Uphold => "接受",
        T::RejectRuling => "驳回",
        T::RuleOn => "就{0}提出的程序问题作出裁决",
        T::Attendance => "出席情况",
        T::QuorumLine => "出席成员：{0}名（共{1}名）；法定人数：{2}",
        T::QuorumMet => "已达到法定人数",
        T::QuorumNotMet => "未达到法定人数",
        T::WhoIsTalking => "谁在讲话",
        T::Silence => "无人讲话。",
        T::Heard => "可听到",
        T::NotHeard => "听不到",
        T::DragHint => "拖动条目，或使用“上移”和“下移”，即可调整顺序。",
        // interpreter
        T::Booth => "{0}译员箱",
        T::NotInBooth => "本次会议未给您分配译员箱。",
        T::Incoming => "输入声音",
        T::RelayFrom => "经{0}转接",
        T::TakeMic => "开启麦克风",
        T::ReleaseMic => "关闭麦克风",
        T::MicIsLive => "您的麦克风已在{0}频道开启。",
        T::PartnerLive => "您搭档的麦克风已开启；开启您的麦克风即可接替。",
        T::ChannelSilent => "该频道无声。",
        T::Cough => "按住静音（咳嗽）",
        T::SlowDown => "请发言者放慢语速",
        T::SlowDownAsked => "口译员请发言者放慢语速：{0}",
        // secretariat
        T::Setup => "准备工作",
        T::Sessions => "届会",
        T::Meetings => "会议",
        T::NewMeeting => "新会议",
        T::Title => "标题",
        T::Create => "创建",
        T::Delegations => "代表团",
        T::NewDelegation => "新代表团",
        T::Name => "名称",
        T::Kind => "类别",
        T::Participants => "与会者",
        T::NewParticipant => "新与会者",
        T::Role => "角色",
        T::Delegation => "代表团",
        T::NoDelegation => "（无）",
        T::Invite => "邀请",
        T::InvitationFor => "给{0}的邀请：邀请码{1}（链接{2}）",
        T::Inscribe => "代表代表团登记发言",
        T::AgendaNumber => "编号",
        T::AddAgendaItem => "添加议程项目",
        T::RunMeeting => "主持会议",
        // outcomes
        T::Done => "已完成：{0}",
        T::Refused => "已拒绝：{0}",
        T::Failed => "未成功：{0}",
        T::SessionExpired => "您的登录已过期；请重新登录。",
        T::Delegation0 => "代表团{0}",
    }
}

/// Russian.
fn ru(key: T) -> &'static str {
    match key {
        T::AppName => "Floor",
        T::Language => "Язык",
        T::SignIn => "Вход",
        T::SignOut => "Выйти",
        T::InvitationHeading => "Вход по приглашению",
        T::InvitationCode => "Код приглашения",
        T::Join => "Присоединиться",
        T::SecretariatHeading => "Вход для Секретариата",
        T::Username => "Имя пользователя",
        T::Password => "Пароль",
        T::SigningIn => "Выполняется вход…",
        T::SignedInAs => "Вы вошли как {0} ({1})",
        T::ChooseMeeting => "Выберите заседание",
        T::NoMeetings => "Заседаний пока нет.",
        T::Loading => "Загрузка…",
        T::Connected => "Подключено",
        T::Connecting => "Подключение…",
        T::Reconnecting => "Соединение потеряно. Повторное подключение через {0} с…",
        T::CaughtUp => "Соединение восстановлено; данные актуальны.",
        // roles
        T::RoleChair => "Председатель",
        T::RoleDelegate => "Делегат",
        T::RoleSecretariat => "Секретариат",
        T::RoleInterpreter => "Устный переводчик",
        T::RoleRoom => "Экран зала",
        T::RoleViewer => "Зритель",
        // meeting status
        T::StatusScheduled => "Запланировано",
        T::StatusOpen => "Открыто",
        T::StatusSuspended => "Прервано",
        T::StatusClosed => "Закрыто",
        T::MeetingStatus => "Заседание: {0}",
        // agenda and floor
        T::CurrentItem => "Рассматриваемый пункт",
        T::NoCurrentItem => "Ни один пункт не рассматривается.",
        T::Agenda => "Повестка дня",
        T::TakeUp => "Приступить к рассмотрению",
        T::TheFloor => "Слово",
        T::NobodyHasFloor => "Слово никому не предоставлено.",
        T::HasTheFloor => "Слово предоставлено: {0}",
        T::YouHaveTheFloor => "Вам предоставляется слово",
        T::TimeLeft => "Осталось {0}",
        T::TimeOver => "Превышение времени: {0}",
        T::Paused => "Приостановлено",
        T::InPerson => "Очно",
        T::Remote => "Дистанционно",
        // entry kinds
        T::KindStatement => "Заявление",
        T::KindOnBehalf => "От имени {0}",
        T::KindExplanation => "Объяснение мотивов голосования",
        T::KindReply => "Право на ответ",
        T::KindPointOfOrder => "По порядку ведения заседания",
        T::KindMotion => "Процедурное предложение",
        // speakers list
        T::SpeakersList => "Список ораторов",
        T::ListEmpty => "В списке нет ораторов.",
        T::Interventions => "Выступления по порядку ведения заседания и процедурные предложения",
        T::Replies => "Выступления в порядке осуществления права на ответ",
        T::NextSpeakers => "Следующие ораторы",
        T::ListOpen => "Список открыт.",
        T::ListClosingAnnounced => "Список скоро будет закрыт.",
        T::ListClosed => "Список закрыт.",
        T::AwaitingRuling => "Ожидает решения Председателя",
        T::Position => "Место в списке: {0}",
        // delegate actions
        T::AskFloor => "Попросить слова",
        T::RaisePointOfOrder => "Выступить по порядку ведения заседания",
        T::AskReply => "Попросить слова в порядке осуществления права на ответ",
        T::Withdraw => "Снять",
        T::YourDelegation => "Ваша делегация: {0}",
        T::CheckIn => "Регистрация присутствия",
        T::YouAttend => "Форма участия: {0}",
        T::NotCheckedIn => "Вы не зарегистрировали свое присутствие.",
        // media
        T::Listening => "Прослушивание",
        T::Channel => "Канал",
        T::FloorOriginal => "Зал (оригинал)",
        T::OriginalLow => "Оригинал с пониженной громкостью",
        T::MicLive => "Ваши микрофон и камера включены.",
        T::MicOff => "Ваши микрофон и камера выключены.",
        T::MediaJoining => "Подключение звука и видео…",
        T::MediaOn => "Звук и видео подключены.",
        T::MediaFailed => "Не удалось подключить звук и видео: {0}",
        T::NoDevices => "Не удалось использовать ни микрофон, ни камеру; слушать вы по-прежнему можете.",
        T::SpeakerVideo => "Видео оратора",
        // documents
        T::Documents => "Документы",
        T::NoDocuments => "Документов нет.",
        // chair
        T::NextSpeaker => "Следующий оратор",
        T::GiveFloor => "Предоставить слово",
        T::Pause => "Пауза",
        T::Resume => "Продолжить",
        T::EndSpeech => "Завершить выступление",
        T::OpenMeeting => "Открыть заседание",
        T::SuspendMeeting => "Прервать заседание",
        T::ResumeMeeting => "Возобновить заседание",
        T::CloseMeeting => "Закрыть заседание",
        T::AnnounceClosing => "Объявить о закрытии списка",
        T::CloseList => "Закрыть список",
        T::ReopenList => "Вновь открыть список",
        T::MoveUp => "Переместить вверх",
        T::MoveDown => "Переместить вниз",
        T::Uphold => "Принять",
        T::RejectRuling => "Отклонить",
        T::RuleOn => "Вынести решение по вопросу о порядке ведения заседания: {0}",
        T::Attendance => "Присутствие",
        T::QuorumLine => "Присутствующие члены: {0} из {1}; кворум: {2}",
        T::QuorumMet => "Кворум имеется",
        T::QuorumNotMet => "Кворума нет",
        T::WhoIsTalking => "Кто говорит",
        T::Silence => "Никто не говорит.",
        T::Heard => "слышно",
        T::NotHeard => "не слышно",
        T::DragHint => "Чтобы изменить порядок, перетащите запись или используйте кнопки «Переместить вверх» и «Переместить вниз».",
        // interpreter
        T::Booth => "Кабина {0}",
        T::NotInBooth => "На этом заседании вы не закреплены ни за одной кабиной.",
        T::Incoming => "Входящий звук",
        T::RelayFrom => "Релей с {0}",
        T::TakeMic => "Включить микрофон",
        T::ReleaseMic => "Выключить микрофон",
        T::MicIsLive => "Ваш микрофон включен на канале {0}.",
        T::PartnerLive => "Микрофон вашего напарника включен; включив свой, вы смените его.",
        T::ChannelSilent => "На канале тишина.",
        T::Cough => "Удерживайте, чтобы отключить звук (кашель)",
        T::SlowDown => "Попросить оратора говорить медленнее",
        T::SlowDownAsked => "Переводчики просят оратора говорить медленнее: {0}",
        // secretariat
        T::Setup => "Подготовка",
        T::Sessions => "Сессии",
        T::Meetings => "Заседания",
        T::NewMeeting => "Новое заседание",
        T::Title => "Название",
        T::Create => "Создать",
        T::Delegations => "Делегации",
        T::NewDelegation => "Новая делегация",
        T::Name => "Имя или название",
        T::Kind => "Тип",
        T::Participants => "Участники",
        T::NewParticipant => "Новый участник",
        T::Role => "Роль",
        T::Delegation => "Делегация",
        T::NoDelegation => "(нет)",
        T::Invite => "Пригласить",
        T::InvitationFor => "Приглашение для {0}: код {1} (ссылка {2})",
        T::Inscribe => "Записать от имени делегации",
        T::AgendaNumber => "Номер",
        T::AddAgendaItem => "Добавить пункт повестки дня",
        T::RunMeeting => "Вести заседание",
        // outcomes
        T::Done => "Выполнено: {0}",
        T::Refused => "Отклонено: {0}",
        T::Failed => "Не удалось: {0}",
        T::SessionExpired => "Срок действия вашего входа истек; войдите снова.",
        T::Delegation0 => "Делегация {0}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{n}` placeholders of a string; panics on a brace that is not part of one, so
    /// that a mistyped placeholder (`{O}`, `{0`, `{０}`) cannot slip through.
    fn placeholders(s: &str) -> BTreeSet<usize> {
        let mut found = BTreeSet::new();
        let mut rest = s;
        while let Some(open) = rest.find(['{', '}']) {
            assert!(rest[open..].starts_with('{'), "stray '}}' in {s:?}");
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .unwrap_or_else(|| panic!("unclosed '{{' in {s:?}"));
            let n = after[..close]
                .parse()
                .unwrap_or_else(|_| panic!("bad placeholder in {s:?}"));
            found.insert(n);
            rest = &after[close + 1..];
        }
        found
    }

    #[test]
    fn every_string_has_the_same_placeholders_in_every_language() {
        for key in T::ALL {
            let en = placeholders(key.en());
            for lang in Lang::ALL {
                let s = lang.t(*key);
                assert!(!s.trim().is_empty(), "{key:?} is empty in {lang:?}");
                assert_eq!(placeholders(s), en, "{key:?} in {lang:?}: {s:?}");
            }
        }
    }

    #[test]
    fn placeholders_are_numbered_from_zero_without_gaps() {
        for key in T::ALL {
            let en = placeholders(key.en());
            assert!(en.iter().copied().eq(0..en.len()), "{key:?}: {en:?}");
        }
    }

    #[test]
    fn every_language_is_translated() {
        // Names that are the same in every language are few ("Floor"); most strings must
        // differ from the English.
        for lang in [Lang::Fr, Lang::Es, Lang::Ar, Lang::Zh, Lang::Ru] {
            let same = T::ALL.iter().filter(|k| lang.t(**k) == k.en()).count();
            assert!(same < 12, "{same} {lang:?} strings equal the English");
        }
        // Arabic, Chinese and Russian are written in their own scripts: no string but the
        // product's name may be in Latin letters only.
        for (lang, script) in [
            (Lang::Ar, '\u{0600}'..='\u{06FF}'),
            (Lang::Zh, '\u{4E00}'..='\u{9FFF}'),
            (Lang::Ru, '\u{0400}'..='\u{04FF}'),
        ] {
            for key in T::ALL.iter().filter(|k| **k != T::AppName) {
                let s = lang.t(*key);
                assert!(
                    s.chars().any(|c| script.contains(&c)),
                    "{key:?} in {lang:?} is not translated: {s:?}"
                );
            }
        }
    }

    #[test]
    fn direction_parsing_and_filling() {
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Fr.dir(), "ltr");
        assert_eq!(Lang::Zh.dir(), "ltr");
        assert_eq!(Lang::Ar.t(T::NextSpeaker), "المتكلم التالي");
        assert_eq!(Lang::parse("fr-CH"), Some(Lang::Fr));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(
            Lang::Es.fill(T::HasTheFloor, &["Chile"]),
            "Chile tiene la palabra"
        );
        assert_eq!(
            Lang::Ru.fill(T::QuorumLine, &["30", "53", "27"]),
            "Присутствующие члены: 30 из 53; кворум: 27"
        );
        assert_eq!(Lang::Zh.fill(T::HasTheFloor, &["智利"]), "智利正在发言");
    }
}

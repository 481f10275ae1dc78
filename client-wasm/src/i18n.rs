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
    KindMember { en: "Member of the Commission", fr: "Membre de la Commission", es: "Miembro de la Comisión" }
    KindObserverState { en: "Observer State", fr: "État observateur", es: "Estado observador" }
    KindIgo { en: "Intergovernmental organization", fr: "Organisation intergouvernementale", es: "Organización intergubernamental" }
    KindUnEntity { en: "United Nations entity", fr: "Entité des Nations Unies", es: "Entidad de las Naciones Unidas" }
    KindNgo { en: "Non-governmental organization", fr: "Organisation non gouvernementale", es: "Organización no gubernamental" }
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
    // refusals: what was refused (the server's `Rejection`, rejections.rs)
    RjNotPermitted { en: "A participant with the role “{0}” may not {1}.", fr: "Un participant ayant le rôle « {0} » ne peut pas {1}.", es: "Un participante con la función «{0}» no puede {1}." }
    RjNoDelegation { en: "You do not speak for a delegation.", fr: "Vous ne représentez aucune délégation.", es: "Usted no representa a ninguna delegación." }
    RjUnknownDelegation { en: "Delegation {0} is not on this session's roster.", fr: "La délégation {0} ne figure pas sur la liste des participants à la session.", es: "La delegación {0} no figura en la lista de participantes del período de sesiones." }
    RjNotInDelegation { en: "Participant {0} does not belong to that delegation ({1}).", fr: "Le participant {0} n'appartient pas à cette délégation ({1}).", es: "El participante {0} no pertenece a esa delegación ({1})." }
    RjUnknownAgendaItem { en: "Agenda item {0} does not exist in this meeting.", fr: "Le point {0} ne figure pas à l'ordre du jour de cette séance.", es: "El tema {0} no figura en el programa de esta sesión." }
    RjNoCurrentItem { en: "No agenda item is under consideration; name one or take one up first.", fr: "Aucun point de l'ordre du jour n'est en discussion ; précisez le point voulu ou commencez par en aborder un.", es: "No se está examinando ningún tema del programa; indique uno o pase primero a examinar uno." }
    RjUnknownEntry { en: "Entry {0} is not waiting for the floor.", fr: "L'inscription {0} n'est pas en attente de la parole.", es: "La inscripción {0} no está a la espera de la palabra." }
    RjNotYourEntry { en: "Entry {0} belongs to another delegation.", fr: "L'inscription {0} appartient à une autre délégation.", es: "La inscripción {0} pertenece a otra delegación." }
    RjWrongMeetingStatus { en: "The meeting is {0}; it is not possible to {1} now.", fr: "La séance est {0} ; on ne peut pas {1} pour le moment.", es: "La sesión está {0}; no es posible {1} en este momento." }
    RjDuplicateAgendaNumber { en: "The agenda already has an item {0}.", fr: "L'ordre du jour comporte déjà un point {0}.", es: "El programa ya tiene un tema {0}." }
    RjInvalidAgendaParent { en: "Item {0} cannot take sub-items.", fr: "Le point {0} ne peut pas comporter de subdivisions.", es: "El tema {0} no puede tener subtemas." }
    RjInvalidText { en: "The field “{0}” is empty or longer than {1} characters.", fr: "Le champ « {0} » est vide ou dépasse {1} caractères.", es: "El campo «{0}» está vacío o supera los {1} caracteres." }
    RjListClosed { en: "The list of speakers on item {0} is closed; a right of reply is still possible.", fr: "La liste des orateurs sur le point {0} est close ; le droit de réponse reste possible.", es: "La lista de oradores sobre el tema {0} está cerrada; aún es posible ejercer el derecho de respuesta." }
    RjAlreadyInscribed { en: "{0} already has {1} statement(s) waiting on this item; the chair may allow more.", fr: "{0} a déjà {1} déclaration(s) en attente sur ce point ; le président peut en autoriser davantage.", es: "{0} ya tiene {1} declaración(es) pendiente(s) sobre este tema; la presidencia puede autorizar más." }
    RjReplyLimitReached { en: "{0} has used its {1} right(s) of reply on this item.", fr: "{0} a épuisé ses droits de réponse sur ce point ({1}).", es: "{0} ha agotado sus derechos de respuesta sobre este tema ({1})." }
    RjAlreadyRaised { en: "The delegation already has this request waiting (entry {0}).", fr: "La délégation a déjà une demande de ce type en attente (inscription {0}).", es: "La delegación ya tiene una solicitud de este tipo pendiente (inscripción {0})." }
    RjNgoInscribedByChair { en: "Non-governmental organizations speak when the chair allows: ask the secretariat to inscribe you.", fr: "Les organisations non gouvernementales prennent la parole lorsque le président le permet : demandez au secrétariat de vous inscrire.", es: "Las organizaciones no gubernamentales hacen uso de la palabra cuando la presidencia lo permite: pida a la secretaría que le inscriba." }
    RjFloorOccupied { en: "Entry {0} holds the floor; end that speech first.", fr: "L'inscription {0} a la parole ; mettez d'abord fin à cette intervention.", es: "La inscripción {0} tiene la palabra; termine primero esa intervención." }
    RjAlreadyPaused { en: "The speaker's clock is already paused.", fr: "Le chronomètre de l'orateur est déjà arrêté.", es: "El cronómetro del orador ya está en pausa." }
    RjNotPaused { en: "The speaker's clock is running.", fr: "Le chronomètre de l'orateur tourne.", es: "El cronómetro del orador está en marcha." }
    RjInterventionPending { en: "A point of order or motion (entry {0}) must be heard first.", fr: "Une motion d'ordre ou de procédure (inscription {0}) doit d'abord être entendue.", es: "Primero debe oírse una cuestión de orden o moción (inscripción {0})." }
    RjRulingPending { en: "Rule on entry {0} first.", fr: "Statuez d'abord sur l'inscription {0}.", es: "Decida primero sobre la inscripción {0}." }
    RjNobodyWaiting { en: "Nobody is waiting for the floor.", fr: "Personne n'attend la parole.", es: "Nadie está esperando la palabra." }
    RjNotMovable { en: "Entry {0} cannot be moved.", fr: "L'inscription {0} ne peut pas être déplacée.", es: "La inscripción {0} no se puede mover." }
    RjNothingToRule { en: "Entry {0} is not a point of order or motion awaiting a ruling.", fr: "L'inscription {0} n'est pas une motion d'ordre ou de procédure en attente de décision.", es: "La inscripción {0} no es una cuestión de orden ni una moción pendiente de decisión." }
    RjListAlreadyThere { en: "The list of item {0} is already in that state.", fr: "La liste du point {0} est déjà dans cet état.", es: "La lista del tema {0} ya está en ese estado." }
    RjUnknownProposal { en: "There is no proposal {0} before the meeting.", fr: "La séance n'est saisie d'aucune proposition {0}.", es: "La sesión no tiene ante sí ninguna propuesta {0}." }
    RjAlreadyDecided { en: "Proposal {0} has already been decided.", fr: "Il a déjà été statué sur la proposition {0}.", es: "Ya se ha adoptado una decisión sobre la propuesta {0}." }
    RjUnknownVote { en: "There is no vote {0}.", fr: "Il n'y a pas de vote {0}.", es: "No existe la votación {0}." }
    RjVoteInProgress { en: "Vote {0} is under way; only a point of order on the conduct of the vote may interrupt it.", fr: "Le vote {0} est en cours ; seule une motion d'ordre concernant le déroulement du vote peut l'interrompre.", es: "La votación {0} está en curso; solo puede interrumpirla una cuestión de orden relativa a la forma en que se está efectuando la votación." }
    RjVoteNotOpen { en: "Vote {0} is not open.", fr: "Le vote {0} n'est pas ouvert.", es: "La votación {0} no está abierta." }
    RjNoQuorum { en: "There is no quorum: {0} members present, {1} required.", fr: "Le quorum n'est pas atteint : {0} membres présents, {1} requis.", es: "No hay quórum: {0} miembros presentes, se requieren {1}." }
    RjNotAMember { en: "{0} is not a member of the commission: only members vote.", fr: "{0} n'est pas membre de la commission : seuls les membres votent.", es: "{0} no es miembro de la comisión: solo votan los miembros." }
    RjAlreadyVoted { en: "{0} has already voted.", fr: "{0} a déjà voté.", es: "{0} ya ha votado." }
    RjNotYourTurn { en: "{0} is being called; answer when your delegation is called.", fr: "C'est au tour de {0} ; répondez lorsque votre délégation sera appelée.", es: "Se está llamando a {0}; responda cuando se llame a su delegación." }
    RjEveryoneCalled { en: "Everyone has been called.", fr: "Tous les membres ont été appelés.", es: "Ya se ha llamado a todos los miembros." }
    RjRollCallIncomplete { en: "{0} member(s) have still to be called.", fr: "Il reste {0} membre(s) à appeler.", es: "Quedan {0} miembro(s) por llamar." }
    RjInvalidChoice { en: "That choice does not fit this vote.", fr: "Ce choix ne correspond pas à ce vote.", es: "Esa opción no corresponde a esta votación." }
    RjCountsRequired { en: "A show of hands needs the counts: yes, no and abstentions.", fr: "Un vote à main levée exige le décompte : pour, contre et abstentions.", es: "Una votación a mano alzada requiere el recuento: votos a favor, votos en contra y abstenciones." }
    RjCountsNotAllowed { en: "This vote counts itself; counts are entered only for a show of hands.", fr: "Ce vote se décompte de lui-même ; le décompte n'est saisi que pour un vote à main levée.", es: "Esta votación se cuenta sola; el recuento solo se introduce en una votación a mano alzada." }
    RjCountsExceedMembers { en: "The counts add up to more than the {0} members.", fr: "Le total du décompte dépasse le nombre de membres ({0}).", es: "El recuento suma más que el número de miembros ({0})." }
    RjCountsExceedPresent { en: "The counts add up to more than the {0} members present.", fr: "Le total du décompte dépasse le nombre de membres présents ({0}).", es: "El recuento suma más que el número de miembros presentes ({0})." }
    RjNothingToAppeal { en: "There is no ruling on entry {0} that can be appealed.", fr: "Aucune décision sur l'inscription {0} ne peut faire l'objet d'un appel.", es: "No hay ninguna decisión sobre la inscripción {0} que pueda apelarse." }
    RjNoMoreSpeakersForMotion { en: "The rules allow {0} speakers in favour of motion {1}; no more.", fr: "Le règlement autorise {0} orateurs pour la motion {1}, pas davantage.", es: "El reglamento permite {0} oradores a favor de la moción {1}; no más." }
    RjNoMoreSpeakersAgainstMotion { en: "The rules allow {0} speakers against motion {1}; no more.", fr: "Le règlement autorise {0} orateurs contre la motion {1}, pas davantage.", es: "El reglamento permite {0} oradores en contra de la moción {1}; no más." }
    RjReplyReservedToStates { en: "The rules reserve the right of reply to States.", fr: "Le règlement réserve le droit de réponse aux États.", es: "El reglamento reserva el derecho de respuesta a los Estados." }
    RjInvalidCandidates { en: "An election needs at least one candidate, each named once.", fr: "Une élection exige au moins un candidat, chacun nommé une seule fois.", es: "Una elección requiere al menos un candidato, cada uno nombrado una sola vez." }
    RjSponsorCannotExplain { en: "Sponsors do not explain their vote on their own proposal unless it was amended (proposal {0}).", fr: "Les auteurs d'une proposition n'expliquent pas leur vote sur celle-ci, sauf si elle a été modifiée (proposition {0}).", es: "Los patrocinadores de una propuesta no explican su voto sobre ella salvo que haya sido enmendada (propuesta {0})." }
    RjNotARollCall { en: "Vote {0} is not a roll call.", fr: "Le vote {0} n'est pas un vote par appel nominal.", es: "La votación {0} no es una votación nominal." }
    RjCountedByChair { en: "Vote {0} is a show of hands: the chair counts.", fr: "Le vote {0} a lieu à main levée : c'est le président qui compte les voix.", es: "La votación {0} es a mano alzada: la presidencia hace el recuento." }
    RjDuplicateSymbol { en: "A document {0} has already been published.", fr: "Un document {0} a déjà été publié.", es: "Ya se ha publicado un documento {0}." }
    RjMissingOriginal { en: "{0} refers to {1}, which has not been published.", fr: "{0} renvoie à {1}, qui n'a pas été publié.", es: "{0} remite a {1}, que no se ha publicado." }
    RjUnknownDocument { en: "There is no document {0}.", fr: "Il n'y a pas de document {0}.", es: "No existe el documento {0}." }
    RjInvalidFiles { en: "The files are not right: {0}.", fr: "Les fichiers ne conviennent pas : {0}.", es: "Los archivos no son correctos: {0}." }
    RjNotAState { en: "{0} is not a State: only States sponsor draft resolutions.", fr: "{0} n'est pas un État : seuls les États se portent coauteurs de projets de résolution.", es: "{0} no es un Estado: solo los Estados patrocinan proyectos de resolución." }
    RjNotADraft { en: "Document {0} is not a draft resolution: only drafts have sponsors.", fr: "Le document {0} n'est pas un projet de résolution : seuls les projets ont des auteurs.", es: "El documento {0} no es un proyecto de resolución: solo los proyectos tienen patrocinadores." }
    RjSponsorshipClosed { en: "The list of sponsors of document {0} is closed.", fr: "La liste des auteurs du document {0} est close.", es: "La lista de patrocinadores del documento {0} está cerrada." }
    RjAlreadySponsor { en: "Your delegation is already a sponsor of document {0}.", fr: "Votre délégation est déjà coauteur du document {0}.", es: "Su delegación ya es patrocinadora del documento {0}." }
    RjNotASponsor { en: "Your delegation is not a sponsor of document {0}.", fr: "Votre délégation n'est pas coauteur du document {0}.", es: "Su delegación no es patrocinadora del documento {0}." }
    RjUnknownChannel { en: "There is no interpretation channel {0}.", fr: "Il n'y a pas de canal d'interprétation {0}.", es: "No existe el canal de interpretación {0}." }
    RjNotAnInterpreter { en: "Participant {0} is not an interpreter.", fr: "Le participant {0} n'est pas interprète.", es: "El participante {0} no es intérprete." }
    RjNotInBooth { en: "You are not in the {0} booth.", fr: "Vous n'êtes pas dans la cabine {0}.", es: "No está usted en la cabina {0}." }
    RjMicrophoneNotLive { en: "Your microphone is not the live one in the {0} booth.", fr: "Votre micro n'est pas le micro actif de la cabine {0}.", es: "Su micrófono no es el que está abierto en la cabina {0}." }
    RjSlowDownJustAsked { en: "The {0} booth asked the speaker to slow down moments ago; the chair has it.", fr: "La cabine {0} vient de demander à l'orateur de ralentir ; le président en est informé.", es: "La cabina {0} acaba de pedir al orador que hable más despacio; la presidencia ya lo sabe." }
    // refusals: commands, as the verb of "may not ..." / "it is not possible to ..." (wire names)
    CmdOpenMeeting { en: "open the meeting", fr: "ouvrir la séance", es: "abrir la sesión" }
    CmdSuspendMeeting { en: "suspend the meeting", fr: "suspendre la séance", es: "suspender la sesión" }
    CmdResumeMeeting { en: "resume the meeting", fr: "reprendre la séance", es: "reanudar la sesión" }
    CmdCloseMeeting { en: "close the meeting", fr: "lever la séance", es: "levantar la sesión" }
    CmdAddAgendaItem { en: "add an agenda item", fr: "ajouter un point à l'ordre du jour", es: "añadir un tema al programa" }
    CmdTakeUpItem { en: "take up an agenda item", fr: "aborder l'examen d'un point de l'ordre du jour", es: "pasar a examinar un tema del programa" }
    CmdCheckIn { en: "check in", fr: "signaler sa présence", es: "registrar la asistencia" }
    CmdRecordAttendance { en: "record a delegation's attendance", fr: "consigner la présence d'une délégation", es: "registrar la asistencia de una delegación" }
    CmdRequestFloor { en: "ask for the floor", fr: "demander la parole", es: "pedir la palabra" }
    CmdInscribeSpeaker { en: "inscribe a speaker", fr: "inscrire un orateur", es: "inscribir a un orador" }
    CmdWithdrawEntry { en: "withdraw a request for the floor", fr: "retirer une demande de parole", es: "retirar una solicitud de palabra" }
    CmdMoveEntry { en: "move an entry in the list", fr: "déplacer une inscription dans la liste", es: "mover una inscripción en la lista" }
    CmdAnnounceListClosing { en: "announce the closing of the list of speakers", fr: "annoncer la clôture de la liste des orateurs", es: "anunciar el cierre de la lista de oradores" }
    CmdCloseList { en: "close the list of speakers", fr: "clore la liste des orateurs", es: "cerrar la lista de oradores" }
    CmdReopenList { en: "reopen the list of speakers", fr: "rouvrir la liste des orateurs", es: "reabrir la lista de oradores" }
    CmdRaisePointOfOrder { en: "raise a point of order", fr: "soulever une motion d'ordre", es: "plantear una cuestión de orden" }
    CmdRaiseMotion { en: "move a procedural motion", fr: "présenter une motion de procédure", es: "presentar una moción de procedimiento" }
    CmdRequestRightOfReply { en: "ask for a right of reply", fr: "demander à exercer le droit de réponse", es: "pedir el derecho de respuesta" }
    CmdNextSpeaker { en: "call the next speaker", fr: "donner la parole à l'orateur suivant", es: "dar la palabra al siguiente orador" }
    CmdGiveFloor { en: "give the floor", fr: "donner la parole", es: "dar la palabra" }
    CmdPauseSpeech { en: "pause the speaker's clock", fr: "arrêter le chronomètre de l'orateur", es: "pausar el cronómetro del orador" }
    CmdResumeSpeech { en: "restart the speaker's clock", fr: "relancer le chronomètre de l'orateur", es: "reanudar el cronómetro del orador" }
    CmdEndSpeech { en: "end the speech", fr: "mettre fin à l'intervention", es: "terminar la intervención" }
    CmdRule { en: "rule on a point of order or motion", fr: "statuer sur une motion d'ordre ou de procédure", es: "decidir sobre una cuestión de orden o una moción" }
    CmdAssignInterpreter { en: "assign an interpreter to a booth", fr: "affecter un interprète à une cabine", es: "asignar un intérprete a una cabina" }
    CmdTakeMicrophone { en: "switch on the booth microphone", fr: "ouvrir le micro de la cabine", es: "encender el micrófono de la cabina" }
    CmdReleaseMicrophone { en: "switch off the booth microphone", fr: "fermer le micro de la cabine", es: "apagar el micrófono de la cabina" }
    CmdAskToSlowDown { en: "ask the speaker to slow down", fr: "demander à l'orateur de ralentir", es: "pedir al orador que hable más despacio" }
    CmdTableProposal { en: "submit a proposal", fr: "présenter une proposition", es: "presentar una propuesta" }
    CmdAmendProposal { en: "record an amendment to a proposal", fr: "prendre acte d'une modification d'une proposition", es: "dejar constancia de una enmienda a una propuesta" }
    CmdAdoptWithoutVote { en: "adopt a proposal without a vote", fr: "adopter une proposition sans vote", es: "aprobar una propuesta sin votación" }
    CmdOpenVote { en: "open a vote", fr: "ouvrir un vote", es: "abrir una votación" }
    CmdCastVote { en: "cast a vote", fr: "voter", es: "votar" }
    CmdPassMember { en: "pass over the member called", fr: "passer le membre appelé", es: "pasar al siguiente miembro en la votación nominal" }
    CmdCloseVote { en: "close the vote", fr: "clore le vote", es: "cerrar la votación" }
    CmdPublish { en: "publish a document", fr: "publier un document", es: "publicar un documento" }
    CmdAddFiles { en: "add language versions to a document", fr: "ajouter des versions linguistiques à un document", es: "añadir versiones lingüísticas a un documento" }
    CmdSignOn { en: "co-sponsor a draft resolution", fr: "se porter coauteur d'un projet de résolution", es: "sumarse a los patrocinadores de un proyecto de resolución" }
    CmdSignOff { en: "withdraw as co-sponsor", fr: "se retirer de la liste des coauteurs", es: "retirarse de la lista de patrocinadores" }
    CmdCloseSponsorship { en: "close the list of sponsors", fr: "clore la liste des auteurs", es: "cerrar la lista de patrocinadores" }
    // refusals: text fields (`InvalidText`) and file problems (`InvalidFiles`)
    FieldRuling { en: "Ruling", fr: "Décision", es: "Decisión" }
    FieldGroup { en: "Group", fr: "Groupe", es: "Grupo" }
    FieldReference { en: "Reference", fr: "Cote", es: "Signatura" }
    FieldAgendaItem { en: "Agenda item", fr: "Point de l'ordre du jour", es: "Tema del programa" }
    FilesNoLanguage { en: "at least one language version is needed", fr: "il faut au moins une version linguistique", es: "se necesita al menos una versión lingüística" }
    FilesOnePerLanguage { en: "one file per language", fr: "un seul fichier par langue", es: "un solo archivo por idioma" }
    FilesContentId { en: "a file is named by the content id its upload returned", fr: "un fichier est désigné par l'identifiant de contenu renvoyé lors de son téléversement", es: "un archivo se designa con el identificador de contenido que devolvió su carga" }
    FilesDistribution { en: "a restricted distribution names at least one delegation", fr: "une distribution restreinte doit désigner au moins une délégation", es: "una distribución limitada debe indicar al menos una delegación" }
    FilesNotUploaded { en: "no file {0} was uploaded to this session", fr: "aucun fichier {0} n'a été téléversé pour cette session", es: "no se ha cargado ningún archivo {0} en este período de sesiones" }
    // --- the chair's console at plenary size and the delegate's place (issue 11)
    ListCount { en: "{0} waiting · about {1}", fr: "{0} en attente · environ {1}", es: "{0} en espera · aproximadamente {1}" }
    YourPlace { en: "You are number {0} in the order of speaking, after {1}.", fr: "Vous êtes {0}e dans l'ordre des orateurs, après {1}.", es: "Usted es el número {0} en el orden de intervención, después de {1}." }
    YouAreNext { en: "You are next to speak.", fr: "Vous êtes le prochain orateur.", es: "Usted es el próximo orador." }
    GetReady { en: "Get ready: your turn is near.", fr: "Préparez-vous : votre tour approche.", es: "Prepárese: su turno se acerca." }
    RequestsFloorNow { en: "Requests the floor now", fr: "Demande la parole maintenant", es: "Pide la palabra ahora" }
    SoundAlerts { en: "Sound a signal for points of order and motions", fr: "Signal sonore pour les motions d'ordre et les motions", es: "Señal sonora para cuestiones de orden y mociones" }
    InscribeDelegation { en: "Inscribe a delegation", fr: "Inscrire une délégation", es: "Inscribir a una delegación" }
    NoSuchDelegation { en: "No delegation is named “{0}”.", fr: "Aucune délégation ne s'appelle « {0} ».", es: "Ninguna delegación se llama «{0}»." }
    ChooseDelegation { en: "Type or choose a delegation.", fr: "Saisissez ou choisissez une délégation.", es: "Escriba o elija una delegación." }
    ChannelLive { en: "{0} — live", fr: "{0} — en direct", es: "{0} — en directo" }
    SelfCheck { en: "Check your microphone and camera", fr: "Vérifier votre micro et votre caméra", es: "Compruebe su micrófono y su cámara" }
    SelfCheckHint { en: "Only you see and hear this check; nothing is sent until you have the floor.", fr: "Vous seul voyez et entendez cette vérification ; rien n'est transmis avant que vous n'ayez la parole.", es: "Solo usted ve y oye esta comprobación; no se transmite nada hasta que tenga la palabra." }
    SelfView { en: "Your camera", fr: "Votre caméra", es: "Su cámara" }
    MicLevel { en: "Microphone level", fr: "Niveau du micro", es: "Nivel del micrófono" }
    StartCheck { en: "Start the check", fr: "Commencer la vérification", es: "Iniciar la comprobación" }
    StopCheck { en: "End the check", fr: "Terminer la vérification", es: "Terminar la comprobación" }
    NoMicrophone { en: "This page has no microphone: allow it in the browser and reload.", fr: "Cette page n'a pas accès au micro : autorisez-le dans le navigateur et rechargez.", es: "Esta página no tiene micrófono: permítalo en el navegador y vuelva a cargarla." }
    // rules of procedure: leaving a meeting, proposals withdrawn, votes asked for, reconsideration, budget implications (issue 12)
    RjNotCheckedIn { en: "Participant {0} is not checked in to this meeting.", fr: "Le participant {0} n'a pas signalé sa présence à cette séance.", es: "El participante {0} no ha registrado su asistencia a esta sesión." }
    RjNotPresent { en: "{0} is not present: only members present vote.", fr: "{0} n'est pas présent : seuls les membres présents votent.", es: "{0} no está presente: solo votan los miembros presentes." }
    RjNotProposalSponsor { en: "Only the sponsors of proposal {0} may withdraw it.", fr: "Seuls les auteurs de la proposition {0} peuvent la retirer.", es: "Solo los patrocinadores de la propuesta {0} pueden retirarla." }
    RjAmendedProposal { en: "Proposal {0} has been amended; it can no longer be withdrawn.", fr: "La proposition {0} a été modifiée ; elle ne peut plus être retirée.", es: "La propuesta {0} ha sido enmendada; ya no puede retirarse." }
    RjProposalWithdrawn { en: "Proposal {0} was withdrawn.", fr: "La proposition {0} a été retirée.", es: "La propuesta {0} fue retirada." }
    RjVoteAskedFor { en: "{0} asked for a vote on proposal {1}: it is put to the vote.", fr: "{0} a demandé un vote sur la proposition {1} : celle-ci est mise aux voix.", es: "{0} ha solicitado una votación sobre la propuesta {1}: esta se somete a votación." }
    RjNotDecided { en: "Proposal {0} has not been decided; there is nothing to reconsider.", fr: "Il n'a pas encore été statué sur la proposition {0} ; il n'y a rien à reconsidérer.", es: "Aún no se ha adoptado una decisión sobre la propuesta {0}; no hay nada que reconsiderar." }
    RjMotionNamesProposal { en: "Motions for reconsideration and for division name the proposal they concern.", fr: "Une motion tendant à reconsidérer ou à diviser une proposition doit désigner la proposition visée.", es: "Las mociones de reconsideración y de división deben indicar la propuesta a la que se refieren." }
    RjDecidedByVote { en: "Motion {0} is decided by a vote of two thirds of the members present and voting, not by a ruling.", fr: "La motion {0} est tranchée par un vote à la majorité des deux tiers des membres présents et votants, non par une décision du président.", es: "La moción {0} se decide por votación, por mayoría de dos tercios de los miembros presentes y votantes, no por decisión de la presidencia." }
    RjBudgetImplicationsPending { en: "The secretariat has yet to state the programme budget implications of proposal {0}.", fr: "Le secrétariat n'a pas encore présenté les incidences de la proposition {0} sur le budget-programme.", es: "La secretaría todavía no ha expuesto las consecuencias de la propuesta {0} para el presupuesto por programas." }
    CmdCheckOut { en: "leave the meeting", fr: "signaler son départ de la séance", es: "registrar su salida de la sesión" }
    CmdRecordDeparture { en: "record that a participant left", fr: "consigner le départ d'un participant", es: "registrar la salida de un participante" }
    CmdWithdrawProposal { en: "withdraw a proposal", fr: "retirer une proposition", es: "retirar una propuesta" }
    CmdRequestVote { en: "ask for a vote on a proposal", fr: "demander la mise aux voix d'une proposition", es: "pedir que una propuesta se someta a votación" }
    CmdMoveReconsideration { en: "move the reconsideration of a proposal", fr: "présenter une motion tendant à reconsidérer une proposition", es: "presentar una moción de reconsideración de una propuesta" }
    CmdStateBudgetImplications { en: "state the programme budget implications of a proposal", fr: "présenter les incidences d'une proposition sur le budget-programme", es: "exponer las consecuencias de una propuesta para el presupuesto por programas" }
    FieldStatement { en: "Statement", fr: "Déclaration", es: "Declaración" }
    FieldDocument { en: "Document", fr: "Cote du document", es: "Documento" }
    RjAmendsAnAmendment { en: "Proposal {0} is itself an amendment; amend the proposal it amends.", fr: "La proposition {0} est elle-même un amendement ; c'est la proposition qu'elle modifie qu'il faut amender.", es: "La propuesta {0} es a su vez una enmienda; enmiende la propuesta a la que se refiere." }
    RjAmendmentsFirst { en: "Amendment {0} to proposal {1} must be decided first.", fr: "Il faut d'abord se prononcer sur l'amendement {0} à la proposition {1}.", es: "Primero debe adoptarse una decisión sobre la enmienda {0} a la propuesta {1}." }
    RjAmendmentOutOfOrder { en: "Amendment {0} is decided before amendment {1}, in the order of voting.", fr: "Selon l'ordre de vote, il est statué sur l'amendement {0} avant l'amendement {1}.", es: "Según el orden de votación, la enmienda {0} se decide antes que la enmienda {1}." }
    RjInvalidVotingOrder { en: "The order of voting must list each amendment to proposal {0} once.", fr: "L'ordre de vote doit indiquer une fois chacun des amendements à la proposition {0}.", es: "El orden de votación debe indicar una vez cada enmienda a la propuesta {0}." }
    CmdSetVotingOrder { en: "set the order of voting on amendments", fr: "fixer l'ordre de vote sur les amendements", es: "establecer el orden de votación de las enmiendas" }
    CmdReviseOrally { en: "record an oral revision of a proposal", fr: "consigner une révision orale d'une proposition", es: "dejar constancia de una revisión oral de una propuesta" }
    FieldText { en: "Text", fr: "Texte", es: "Texto" }
    RjInvalidDivision { en: "Proposal {0} cannot be divided so: name two parts or more, each of 1 to 300 characters, of a proposal not yet divided.", fr: "La proposition {0} ne peut pas être divisée ainsi : indiquez au moins deux parties, de 1 à 300 caractères chacune, d'une proposition qui n'a pas encore été divisée.", es: "La propuesta {0} no puede dividirse así: indique al menos dos partes, de 1 a 300 caracteres cada una, de una propuesta que aún no se haya dividido." }
    RjPartsFirst { en: "Part {0} of proposal {1} must be decided first.", fr: "Il faut d'abord se prononcer sur la partie {0} de la proposition {1}.", es: "Primero debe adoptarse una decisión sobre la parte {0} de la propuesta {1}." }
    CmdMoveDivision { en: "move the division of a proposal", fr: "demander la division d'une proposition", es: "pedir la división de una propuesta" }
    CmdHearOnMotion { en: "give the floor to a speaker on a motion", fr: "donner la parole à un orateur sur une motion", es: "conceder la palabra a un orador sobre una moción" }
    CmdPutToVote { en: "put a motion or an appeal to the vote", fr: "mettre aux voix une motion ou un appel", es: "someter a votación una moción o una apelación" }
    CmdAppealRuling { en: "appeal the ruling of the Chair", fr: "faire appel de la décision du Président", es: "apelar de la decisión del Presidente" }
    // a high-level segment (ui/common.rs, ui/chair.rs)
    RankHead { en: "Head of State or Government", fr: "Chef d'État ou de gouvernement", es: "Jefe de Estado o de Gobierno" }
    RankMinister { en: "Minister", fr: "Ministre", es: "Ministro" }
    RankViceMinister { en: "Vice-minister", fr: "Vice-ministre", es: "Viceministro" }
    RankOther { en: "Other representative", fr: "Autre représentant", es: "Otro representante" }
    RankUnset { en: "Rank not given", fr: "Rang non indiqué", es: "Rango no indicado" }
    RankLabel { en: "Speaker's rank", fr: "Rang de l'orateur", es: "Rango del orador" }
    HighLevelSegment { en: "High-level segment: speakers in order of rank", fr: "Débat de haut niveau : orateurs par ordre de rang", es: "Serie de sesiones de alto nivel: oradores por orden de rango" }
    CmdSetItemRules { en: "set an agenda item's rules", fr: "fixer les règles d'un point de l'ordre du jour", es: "fijar las normas de un tema del programa" }
    CmdSetSpeakerRank { en: "record a speaker's rank", fr: "indiquer le rang d'un orateur", es: "indicar el rango de un orador" }
    RjNotAStatement { en: "Entry {0} is not a waiting statement; only a statement's speaker has a rank.", fr: "L'inscription {0} n'est pas une déclaration en attente ; seul l'orateur d'une déclaration a un rang.", es: "La inscripción {0} no es una declaración en espera; solo el orador de una declaración tiene rango." }
    RjInvalidTimeLimit { en: "The time limit “{0}” must be between 10 seconds and one hour; it is {1} s.", fr: "Le temps de parole « {0} » doit être compris entre 10 secondes et une heure ; il est de {1} s.", es: "El tiempo de intervención «{0}» debe estar entre 10 segundos y una hora; es de {1} s." }
    // the room's delegations (ui/secretariat/room.rs) and motions (ui/delegate.rs)
    RoomTitle { en: "A delegation in the room", fr: "Une délégation dans la salle", es: "Una delegación en la sala" }
    RoomHint { en: "When a representative in the hall raises the nameplate or answers aloud, give the request here: it is decided as the delegation's own, and the record shows it was made in the room.", fr: "Lorsqu'un représentant présent dans la salle lève sa plaque ou répond à haute voix, saisissez sa demande ici : elle est traitée comme celle de la délégation, et le compte rendu indique qu'elle a été faite dans la salle.", es: "Cuando un representante presente en la sala levanta su placa o responde de viva voz, introduzca aquí su solicitud: se decide como propia de la delegación, y el acta indica que se hizo en la sala." }
    RoomVote { en: "Its vote: {0}", fr: "Son vote : {0}", es: "Su voto: {0}" }
    RoomSecretBallot { en: "A secret ballot is cast by each member itself.", fr: "Au scrutin secret, chaque membre vote lui-même.", es: "En votación secreta, cada miembro vota por sí mismo." }
    RoomDone { en: "Given for {0}: {1}.", fr: "Transmis pour {0} : {1}.", es: "Transmitido en nombre de {0}: {1}." }
    MotionLabel { en: "Procedural motion", fr: "Motion de procédure", es: "Moción de procedimiento" }
    MoveMotion { en: "Move the motion", fr: "Présenter la motion", es: "Presentar la moción" }
    CmdActForDelegation { en: "act for a delegation in the room", fr: "agir pour une délégation présente dans la salle", es: "actuar en nombre de una delegación presente en la sala" }
    RjNotForTheRoom { en: "The secretariat cannot {0} for a delegation in the room.", fr: "Le secrétariat ne peut pas {0} pour une délégation présente dans la salle.", es: "La secretaría no puede {0} en nombre de una delegación presente en la sala." }
    RjSecretBallotNotInTheRoom { en: "Vote {0} is a secret ballot: each member casts its own; the secretariat cannot cast it for a delegation.", fr: "Le vote {0} est un scrutin secret : chaque membre vote lui-même ; le secrétariat ne peut pas voter pour une délégation.", es: "La votación {0} es secreta: cada miembro emite su propio voto; la secretaría no puede votar en nombre de una delegación." }
    // elections (ui/votes.rs): several places, restricted ballots, lots, acclamation
    VtSeats { en: "Places to fill", fr: "Sièges à pourvoir", es: "Puestos por cubrir" }
    VtMarkUpTo { en: "Mark up to {0} candidates, then cast the ballot.", fr: "Cochez jusqu'à {0} candidats, puis déposez le bulletin.", es: "Marque hasta {0} candidatos y deposite la papeleta." }
    VtCastBallot { en: "Cast the ballot", fr: "Déposer le bulletin", es: "Depositar la papeleta" }
    VtPlacesLeft { en: "{0} place(s) still to fill", fr: "{0} siège(s) encore à pourvoir", es: "{0} puesto(s) aún por cubrir" }
    VtBallotNumber { en: "Ballot {0}, restricted", fr: "{0}e tour, restreint", es: "Votación {0}, restringida" }
    VtDrawnByLot { en: "Drawn by lot: {0}", fr: "Tiré au sort : {0}", es: "Sorteado: {0}" }
    VtNextBallot { en: "Open the next ballot", fr: "Ouvrir le tour suivant", es: "Abrir la votación siguiente" }
    VtAcclaim { en: "Elect by acclamation", fr: "Élire par acclamation", es: "Elegir por aclamación" }
    VtElectedByAcclamation { en: "Elected by acclamation: {0}", fr: "Élu(s) par acclamation : {0}", es: "Elegido(s) por aclamación: {0}" }
    CmdOpenNextBallot { en: "open the next ballot of an election", fr: "ouvrir le tour suivant d'une élection", es: "abrir la votación siguiente de una elección" }
    CmdElectByAcclamation { en: "declare candidates elected by acclamation", fr: "déclarer des candidats élus par acclamation", es: "declarar candidatos elegidos por aclamación" }
    RjInvalidSeats { en: "An election fills from 1 place to as many places as it has candidates ({1}); {0} cannot be filled.", fr: "Une élection pourvoit de 1 siège à autant de sièges qu'elle a de candidats ({1}) ; {0} ne peuvent être pourvus.", es: "Una elección cubre de 1 puesto a tantos puestos como candidatos tenga ({1}); no se pueden cubrir {0}." }
    RjNoBallotToFollow { en: "No ballot of an election on proposal {0} awaits another: open a vote.", fr: "Aucun tour d'une élection sur la proposition {0} n'appelle un tour suivant : ouvrez un vote.", es: "Ninguna votación de una elección sobre la propuesta {0} requiere otra: abra una votación." }
    RjElectionUnderWay { en: "The election on proposal {0} goes on after ballot {1}: open the next ballot, restricted to the best placed.", fr: "L'élection sur la proposition {0} se poursuit après le tour {1} : ouvrez le tour suivant, restreint aux mieux placés.", es: "La elección sobre la propuesta {0} continúa tras la votación {1}: abra la votación siguiente, restringida a los mejor situados." }
    // the session's agenda (ui/secretariat/meetings.rs)
    AgendaProvisional { en: "Provisional agenda", fr: "Ordre du jour provisoire", es: "Programa provisional" }
    AgendaAdoptedLabel { en: "Agenda (adopted)", fr: "Ordre du jour (adopté)", es: "Programa (aprobado)" }
    AdoptAgenda { en: "Adopt the agenda", fr: "Adopter l'ordre du jour", es: "Aprobar el programa" }
    EditItem { en: "Edit", fr: "Modifier", es: "Modificar" }
    SaveItem { en: "Save", fr: "Enregistrer", es: "Guardar" }
    CancelEdit { en: "Cancel", fr: "Annuler", es: "Cancelar" }
    MoveItemUp { en: "Move up", fr: "Monter", es: "Subir" }
    MoveItemDown { en: "Move down", fr: "Descendre", es: "Bajar" }
    ContinueFromLabel { en: "Continue an earlier meeting (its agenda and speakers lists)", fr: "Poursuivre une séance précédente (son ordre du jour et ses listes d'orateurs)", es: "Continuar una sesión anterior (su programa y sus listas de oradores)" }
    ContinueFromButton { en: "Continue", fr: "Poursuivre", es: "Continuar" }
    ContinuesMeeting { en: "Continues: {0}", fr: "Suite de : {0}", es: "Continuación de: {0}" }
    CmdEditAgendaItem { en: "correct an agenda item", fr: "corriger un point de l'ordre du jour", es: "corregir un tema del programa" }
    CmdMoveAgendaItem { en: "reorder the agenda", fr: "réordonner l'ordre du jour", es: "reordenar el programa" }
    CmdAdoptAgenda { en: "adopt the agenda", fr: "adopter l'ordre du jour", es: "aprobar el programa" }
    CmdContinueFrom { en: "continue an earlier meeting", fr: "poursuivre une séance précédente", es: "continuar una sesión anterior" }
    RjInvalidAgendaPlace { en: "Item {0} cannot be placed after item {1}: only among its siblings.", fr: "Le point {0} ne peut être placé après le point {1} : seulement parmi les points de même niveau.", es: "El tema {0} no puede colocarse después del tema {1}: solo entre los de su mismo nivel." }
    RjAgendaAdoptedAlready { en: "The agenda has been adopted already.", fr: "L'ordre du jour a déjà été adopté.", es: "El programa ya ha sido aprobado." }
    RjAgendaEmpty { en: "The agenda has no items to adopt.", fr: "L'ordre du jour ne comporte aucun point à adopter.", es: "El programa no tiene temas que aprobar." }
    RjAgendaNotEmpty { en: "This meeting has begun its own agenda; it can continue an earlier meeting only before that.", fr: "Cette séance a commencé son propre ordre du jour ; elle ne peut poursuivre une séance précédente qu'avant cela.", es: "Esta sesión ya ha empezado su propio programa; solo puede continuar una sesión anterior antes de ello." }
    RjNotAnEarlierMeeting { en: "Meeting {0} is not another meeting of this session.", fr: "La séance {0} n'est pas une autre séance de cette session.", es: "La sesión {0} no es otra sesión de este período de sesiones." }
    // the delegation's microphone (ui/delegate.rs)
    TakeFloorMicrophone { en: "Speak for the delegation from this device", fr: "Parler pour la délégation depuis cet appareil", es: "Hablar en nombre de la delegación desde este dispositivo" }
    ColleagueSpeaks { en: "Your delegation has the floor; a colleague's microphone is heard.", fr: "Votre délégation a la parole ; le micro d'un collègue est ouvert.", es: "Su delegación tiene la palabra; se oye el micrófono de un colega." }
    CmdPassFloorMicrophone { en: "pass the delegation's microphone", fr: "passer le micro de la délégation", es: "pasar el micrófono de la delegación" }
    RjNotYourFloor { en: "The floor is not your delegation's to pass: it is another's, nobody's, or its speaker is in the room.", fr: "La parole n'est pas à votre délégation : elle est à une autre, à personne, ou son orateur est dans la salle.", es: "La palabra no es de su delegación: es de otra, de nadie, o su orador está en la sala." }
    // decisions and votes (ui/votes.rs): the chair's decisions, the voting panel, the vote board
    VtDecisions { en: "Decisions", fr: "Décisions", es: "Decisiones" }
    VtProposals { en: "Proposals before the meeting", fr: "Propositions dont la séance est saisie", es: "Propuestas que tiene ante sí la sesión" }
    VtNoProposals { en: "No proposal has been submitted.", fr: "Aucune proposition n'a été présentée.", es: "No se ha presentado ninguna propuesta." }
    VtTableHeading { en: "Submit a proposal", fr: "Présenter une proposition", es: "Presentar una propuesta" }
    VtReference { en: "Document symbol or reference", fr: "Cote du document ou référence", es: "Signatura del documento o referencia" }
    VtTitle { en: "Title", fr: "Titre", es: "Título" }
    VtSponsors { en: "Sponsors", fr: "Auteurs", es: "Patrocinadores" }
    VtSubmitProposal { en: "Submit the proposal", fr: "Présenter la proposition", es: "Presentar la propuesta" }
    VtSponsoredBy { en: "Sponsors: {0}", fr: "Auteurs : {0}", es: "Patrocinadores: {0}" }
    VtUndecided { en: "No decision yet", fr: "Pas encore de décision", es: "Sin decisión todavía" }
    VtAdoptedWithoutVote { en: "Adopted without a vote", fr: "Adopté sans vote", es: "Aprobado sin votación" }
    VtAdoptWithoutVote { en: "Adopt without a vote", fr: "Adopter sans vote", es: "Aprobar sin votación" }
    VtOpenVoteHeading { en: "Put a proposal to the vote", fr: "Mettre une proposition aux voix", es: "Someter una propuesta a votación" }
    VtProposal { en: "Proposal", fr: "Proposition", es: "Propuesta" }
    VtMethod { en: "Method of voting", fr: "Mode de scrutin", es: "Forma de votación" }
    VtMajority { en: "Majority required", fr: "Majorité requise", es: "Mayoría necesaria" }
    VtCandidates { en: "Candidates, one per line", fr: "Candidats, un par ligne", es: "Candidatos, uno por línea" }
    VtOpenVote { en: "Open the vote", fr: "Ouvrir le scrutin", es: "Abrir la votación" }
    VtShowOfHands { en: "Show of hands", fr: "Vote à main levée", es: "Votación a mano alzada" }
    VtRecorded { en: "Recorded vote", fr: "Vote enregistré", es: "Votación registrada" }
    VtRollCall { en: "Roll-call vote", fr: "Vote par appel nominal", es: "Votación nominal" }
    VtSecretBallot { en: "Secret ballot", fr: "Scrutin secret", es: "Votación secreta" }
    VtMajoritySimple { en: "Majority of the members present and voting", fr: "Majorité des membres présents et votants", es: "Mayoría de los miembros presentes y votantes" }
    VtMajorityTwoThirds { en: "Two-thirds majority of the members present and voting", fr: "Majorité des deux tiers des membres présents et votants", es: "Mayoría de dos tercios de los miembros presentes y votantes" }
    VtMajorityTwoThirdsMembers { en: "Two thirds of the members of the Commission", fr: "Deux tiers des membres de la Commission", es: "Dos tercios de los miembros de la Comisión" }
    VtMotionSuspend { en: "suspension of the meeting", fr: "suspension de la séance", es: "suspensión de la sesión" }
    VtMotionAdjourn { en: "adjournment of the meeting", fr: "levée de la séance", es: "levantamiento de la sesión" }
    VtMotionAdjournDebate { en: "adjournment of the debate", fr: "ajournement du débat", es: "aplazamiento del debate" }
    VtMotionCloseDebate { en: "closure of the debate", fr: "clôture du débat", es: "cierre del debate" }
    VtMotionReconsider { en: "reconsideration of a proposal", fr: "reconsidération d'une proposition", es: "reconsideración de una propuesta" }
    VtMotionDivision { en: "division of a proposal", fr: "division d'une proposition", es: "división de una propuesta" }
    VtRejectedInParts { en: "Rejected: every part was rejected", fr: "Rejetée : toutes les parties ont été rejetées", es: "Rechazada: se rechazaron todas las partes" }
    VtSubjectMotion { en: "Motion for the {0}", fr: "Motion : {0}", es: "Moción de {0}" }
    VtSubjectAppeal { en: "Appeal against the ruling of the Chair", fr: "Appel de la décision du Président", es: "Apelación de la decisión del Presidente" }
    VtMotionBy { en: "{0}: motion for the {1}", fr: "{0} : motion ({1})", es: "{0}: moción de {1}" }
    VtAppealBy { en: "{0}: appeal against the ruling of the Chair", fr: "{0} : appel de la décision du Président", es: "{0}: apelación de la decisión del Presidente" }
    VtAwaitingDecision { en: "Awaiting a decision", fr: "En attente de décision", es: "Pendientes de decisión" }
    VtPutToVote { en: "Put to the vote", fr: "Mettre aux voix", es: "Someter a votación" }
    VtVoteOpen { en: "Voting is in progress", fr: "Le vote est en cours", es: "La votación está en curso" }
    VtVotedCount { en: "{0} of {1} members have voted", fr: "{0} membres sur {1} ont voté", es: "Han votado {0} de {1} miembros" }
    VtHaveVoted { en: "Have voted: {0}", fr: "Ont voté : {0}", es: "Han votado: {0}" }
    VtNobodyVotedYet { en: "No member has voted yet.", fr: "Aucun membre n'a encore voté.", es: "Ningún miembro ha votado todavía." }
    VtCalled { en: "Called: {0}", fr: "Appelé : {0}", es: "Se llama a: {0}" }
    VtCalledAgain { en: "Called a second time: {0}", fr: "Appelé une seconde fois : {0}", es: "Se llama por segunda vez a: {0}" }
    VtPass { en: "No answer: pass", fr: "Pas de réponse : passer", es: "Sin respuesta: pasar" }
    VtCloseVote { en: "Close the vote and announce the result", fr: "Clore le vote et annoncer le résultat", es: "Cerrar la votación y anunciar el resultado" }
    VtInFavour { en: "In favour", fr: "Pour", es: "Votos a favor" }
    VtAgainst { en: "Against", fr: "Contre", es: "Votos en contra" }
    VtAbstentions { en: "Abstentions", fr: "Abstentions", es: "Abstenciones" }
    VtRequiredMajority { en: "Required majority", fr: "Majorité requise", es: "Mayoría necesaria" }
    VtPresentAndVoting { en: "Members present and voting", fr: "Membres présents et votants", es: "Miembros presentes y votantes" }
    VtAdopted { en: "ADOPTED", fr: "ADOPTÉ", es: "APROBADO" }
    VtRejected { en: "REJECTED", fr: "REJETÉ", es: "RECHAZADO" }
    VtElected { en: "ELECTED: {0}", fr: "ÉLU : {0}", es: "ELEGIDO: {0}" }
    VtNotElected { en: "NO CANDIDATE ELECTED", fr: "AUCUN CANDIDAT ÉLU", es: "NINGÚN CANDIDATO ELEGIDO" }
    VtVoid { en: "VOID: the vote will be taken again", fr: "NUL : il sera procédé à un nouveau vote", es: "NULA: se repetirá la votación" }
    VtAbsent { en: "Absent", fr: "Absent", es: "Ausente" }
    VtVoting { en: "Voting", fr: "Vote", es: "Votación" }
    VtNoVoteOpen { en: "No vote is in progress.", fr: "Aucun vote n'est en cours.", es: "No hay ninguna votación en curso." }
    VtYes { en: "Yes", fr: "Oui", es: "Sí" }
    VtNo { en: "No", fr: "Non", es: "No" }
    VtAbstain { en: "Abstain", fr: "Abstention", es: "Abstención" }
    VtYouVoted { en: "Your vote has been recorded: {0}", fr: "Votre vote a été enregistré : {0}", es: "Su voto ha quedado registrado: {0}" }
    VtVoteRecorded { en: "Your vote has been recorded.", fr: "Votre vote a été enregistré.", es: "Su voto ha quedado registrado." }
    VtBallotCast { en: "Your ballot has been cast. How you voted is recorded nowhere.", fr: "Votre bulletin a été déposé. Votre choix n'est enregistré nulle part.", es: "Su papeleta ha sido depositada. Su elección no queda registrada en ningún lugar." }
    VtObserversDoNotVote { en: "Only members of the Commission vote.", fr: "Seuls les membres de la Commission votent.", es: "Solo votan los miembros de la Comisión." }
    VtYouAreCalled { en: "Your delegation is called: please vote now.", fr: "Votre délégation est appelée : veuillez voter.", es: "Se llama a su delegación: sírvase votar ahora." }
    VtExplainBefore { en: "Explanation of vote before the vote on {0}", fr: "Explication de vote avant le vote sur {0}", es: "Explicación de voto antes de la votación sobre {0}" }
    VtExplainAfter { en: "Explanation of vote after the vote on {0}", fr: "Explication de vote après le vote sur {0}", es: "Explicación de voto después de la votación sobre {0}" }
    VtAppeal { en: "Appeal the ruling of the Chair", fr: "Faire appel de la décision du Président", es: "Apelar de la decisión del Presidente" }
    // secretariat's console (issue 11, item 2)
    ConsoleTitle { en: "Secretariat console", fr: "Console du secrétariat", es: "Consola de la secretaría" }
    ConsoleBooths { en: "Interpretation booths", fr: "Cabines d'interprétation", es: "Cabinas de interpretación" }
    ConsoleNameTaken { en: "Another delegation of this session already has that name.", fr: "Une autre délégation de cette session porte déjà ce nom.", es: "Otra delegación de este período de sesiones ya tiene ese nombre." }
    ConsoleFieldLength { en: "This field must not be empty, nor too long.", fr: "Ce champ ne doit être ni vide ni trop long.", es: "Este campo no puede estar vacío ni ser demasiado largo." }
    ConsoleDelegationRequired { en: "A delegate belongs to a delegation: choose one.", fr: "Un délégué appartient à une délégation : choisissez-en une.", es: "Un delegado pertenece a una delegación: elija una." }
    ConsoleUnknownDelegation { en: "That delegation is not on this session's roster.", fr: "Cette délégation ne figure pas sur la liste de cette session.", es: "Esa delegación no figura en la lista de este período de sesiones." }
    ConsoleForbidden { en: "Your sign-in does not allow this.", fr: "Votre connexion ne le permet pas.", es: "Su sesión no lo permite." }
    ConsoleControlCharacter { en: "The text holds an invisible control character; retype it.", fr: "Le texte contient un caractère de contrôle invisible ; saisissez-le à nouveau.", es: "El texto contiene un carácter de control invisible; vuelva a escribirlo." }
    ConsoleFileType { en: "This file is not a PDF, Word, Excel or plain text document, or it is empty.", fr: "Ce fichier n'est pas un document PDF, Word, Excel ou texte, ou il est vide.", es: "Este archivo no es un documento PDF, Word, Excel o de texto, o está vacío." }
    ConsoleFileTooLarge { en: "This file is too large.", fr: "Ce fichier est trop volumineux.", es: "Este archivo es demasiado grande." }
    ConsoleOpenMeetingFirst { en: "Open a meeting first.", fr: "Ouvrez d'abord une séance.", es: "Abra primero una sesión." }
    ConsoleWholeNumber { en: "Type a whole number.", fr: "Saisissez un nombre entier.", es: "Escriba un número entero." }
    ConsoleRuleTimeLimit { en: "{0} s is not possible: a time limit is between {1} s and {2} s.", fr: "{0} s n'est pas possible : une limite du temps de parole est comprise entre {1} s et {2} s.", es: "{0} s no es posible: un límite de tiempo está entre {1} s y {2} s." }
    ConsoleRuleWaiting { en: "A delegation may have between 1 and 20 statements waiting.", fr: "Une délégation peut avoir de 1 à 20 déclarations en attente.", es: "Una delegación puede tener entre 1 y 20 declaraciones en espera." }
    ConsoleRuleReplies { en: "At most 10 rights of reply per delegation and item.", fr: "Au plus 10 droits de réponse par délégation et par point.", es: "Como máximo 10 derechos de respuesta por delegación y tema." }
    ConsoleRuleMotionSpeakers { en: "At most 10 speakers on each side of a motion.", fr: "Au plus 10 orateurs de chaque côté d'une motion.", es: "Como máximo 10 oradores a cada lado de una moción." }
    ConsoleRuleZeroQuorum { en: "A quorum of zero would let nobody decide for everyone.", fr: "Un quorum de zéro laisserait n'importe qui décider pour tous.", es: "Un quórum de cero permitiría que nadie decidiera por todos." }
    ConsoleLimitState { en: "A State (national capacity), seconds", fr: "Un État (à titre national), secondes", es: "Un Estado (a título nacional), segundos" }
    ConsoleLimitGroup { en: "On behalf of a group, seconds", fr: "Au nom d'un groupe, secondes", es: "En nombre de un grupo, segundos" }
    ConsoleLimitOrganization { en: "An organization or United Nations entity, seconds", fr: "Une organisation ou entité des Nations Unies, secondes", es: "Una organización o entidad de las Naciones Unidas, segundos" }
    ConsoleLimitNgo { en: "A non-governmental organization, seconds", fr: "Une organisation non gouvernementale, secondes", es: "Una organización no gubernamental, segundos" }
    ConsoleLimitFirstReply { en: "First right of reply, seconds", fr: "Premier droit de réponse, secondes", es: "Primer derecho de respuesta, segundos" }
    ConsoleLimitSecondReply { en: "Second right of reply, seconds", fr: "Second droit de réponse, secondes", es: "Segundo derecho de respuesta, segundos" }
    ConsoleTimeLimits { en: "Time limits per kind of speaker", fr: "Limites du temps de parole par catégorie d'orateur", es: "Límites de tiempo por tipo de orador" }
    ConsoleRulesOther { en: "Quorum and the speakers list", fr: "Quorum et liste des orateurs", es: "Quórum y lista de oradores" }
    ConsoleQuorum { en: "Quorum, members present (empty: a majority of the members)", fr: "Quorum, membres présents (vide : la majorité des membres)", es: "Quórum, miembros presentes (vacío: la mayoría de los miembros)" }
    ConsoleWaitingStatements { en: "Statements a delegation may have waiting on an item", fr: "Déclarations qu'une délégation peut avoir en attente sur un point", es: "Declaraciones que una delegación puede tener en espera en un tema" }
    ConsoleRepliesPerItem { en: "Rights of reply per delegation and item", fr: "Droits de réponse par délégation et par point", es: "Derechos de respuesta por delegación y tema" }
    ConsoleRepliesTaken { en: "Rights of reply are taken", fr: "Les droits de réponse sont exercés", es: "Los derechos de respuesta se ejercen" }
    ConsoleEndOfItem { en: "at the end of the item", fr: "à la fin de l'examen du point", es: "al final del tema" }
    ConsoleEndOfDay { en: "at the end of the day", fr: "à la fin de la journée", es: "al final del día" }
    ConsoleReplyFor { en: "Who may exercise a right of reply", fr: "Qui peut exercer un droit de réponse", es: "Quién puede ejercer el derecho de respuesta" }
    ConsoleReplyStates { en: "States", fr: "Les États", es: "Los Estados" }
    ConsoleReplyAll { en: "Every delegation", fr: "Toutes les délégations", es: "Todas las delegaciones" }
    ConsoleAdjournSpeakers { en: "Speakers for and against adjourning the debate", fr: "Orateurs pour et contre l'ajournement du débat", es: "Oradores a favor y en contra del aplazamiento del debate" }
    ConsoleClosureSpeakers { en: "Speakers against the closure of the debate", fr: "Orateurs contre la clôture du débat", es: "Oradores en contra del cierre del debate" }
    ConsoleReconsiderationSpeakers { en: "Speakers against the reconsideration of a proposal", fr: "Orateurs contre la reconsidération d'une proposition", es: "Oradores en contra de la reconsideración de una propuesta" }
    ConsoleDivisionSpeakers { en: "Speakers for and against the division of a proposal", fr: "Orateurs pour et contre la division d'une proposition", es: "Oradores a favor y en contra de la división de una propuesta" }
    ConsoleNgoSelf { en: "Non-governmental organizations may inscribe themselves", fr: "Les organisations non gouvernementales peuvent s'inscrire elles-mêmes", es: "Las organizaciones no gubernamentales pueden inscribirse por sí mismas" }
    ConsoleRecordingsForParticipants { en: "Participants may download the sound recordings", fr: "Les participants peuvent télécharger les enregistrements sonores", es: "Los participantes pueden descargar las grabaciones sonoras" }
    ConsoleChannels { en: "Interpretation channels (language codes)", fr: "Canaux d'interprétation (codes de langue)", es: "Canales de interpretación (códigos de idioma)" }
    ConsoleNoSession { en: "There is no session yet: create the first one.", fr: "Il n'y a pas encore de session : créez la première.", es: "Todavía no hay ningún período de sesiones: cree el primero." }
    ConsoleCurrentSession { en: "Session being prepared", fr: "Session en préparation", es: "Período de sesiones en preparación" }
    ConsoleNewSession { en: "New session", fr: "Nouvelle session", es: "Nuevo período de sesiones" }
    ConsoleBodySymbol { en: "Symbol of the body (E/CN.7 or E/CN.15)", fr: "Cote de l'organe (E/CN.7 ou E/CN.15)", es: "Signatura del órgano (E/CN.7 o E/CN.15)" }
    ConsoleCreateSession { en: "Create the session", fr: "Créer la session", es: "Crear el período de sesiones" }
    ConsoleSessionRules { en: "Rules of the session", fr: "Règles de la session", es: "Normas del período de sesiones" }
    ConsoleSaveRules { en: "Save the rules", fr: "Enregistrer les règles", es: "Guardar las normas" }
    ConsoleSaved { en: "Saved.", fr: "Enregistré.", es: "Guardado." }
    ConsoleDelegationCount { en: "{0} delegations on the roster", fr: "{0} délégations sur la liste", es: "{0} delegaciones en la lista" }
    ConsoleEdit { en: "Edit", fr: "Modifier", es: "Editar" }
    ConsoleSave { en: "Save", fr: "Enregistrer", es: "Guardar" }
    ConsoleCancel { en: "Cancel", fr: "Annuler", es: "Cancelar" }
    ConsoleCopyCode { en: "Copy the code", fr: "Copier le code", es: "Copiar el código" }
    ConsoleCopyLink { en: "Copy the link", fr: "Copier le lien", es: "Copiar el enlace" }
    ConsoleCopied { en: "Copied.", fr: "Copié.", es: "Copiado." }
    ConsoleNotCopied { en: "Could not copy; select the text instead.", fr: "Copie impossible ; sélectionnez le texte.", es: "No se pudo copiar; seleccione el texto." }
    ConsoleRevoke { en: "Revoke", fr: "Révoquer", es: "Revocar" }
    ConsoleConfirmRevoke { en: "Yes, revoke", fr: "Oui, révoquer", es: "Sí, revocar" }
    ConsoleRevoked { en: "Revoked", fr: "Révoqué", es: "Revocado" }
    ConsoleFormat { en: "Format", fr: "Modalité", es: "Formato" }
    ConsoleFormatHybrid { en: "Hybrid", fr: "Hybride", es: "Híbrida" }
    ConsoleFormatInPerson { en: "In person", fr: "En présentiel", es: "Presencial" }
    ConsoleFormatOnline { en: "Online", fr: "En ligne", es: "En línea" }
    ConsoleFormatPodium { en: "Podium only in the room", fr: "Seul le podium dans la salle", es: "Solo la tribuna en la sala" }
    ConsoleSubItemOf { en: "Sub-item of", fr: "Alinéa du point", es: "Subtema del tema" }
    ConsoleChooseDelegation { en: "Choose a delegation.", fr: "Choisissez une délégation.", es: "Elija una delegación." }
    ConsoleChooseInterpreter { en: "Choose an interpreter.", fr: "Choisissez un interprète.", es: "Elija un intérprete." }
    ConsoleInterpreters { en: "Interpreters", fr: "Interprètes", es: "Intérpretes" }
    ConsoleLiveMic { en: "Live microphone", fr: "Micro ouvert", es: "Micrófono abierto" }
    ConsoleNobodyAssigned { en: "Nobody assigned", fr: "Personne n'est affecté", es: "Nadie asignado" }
    ConsoleAssign { en: "Assign to the booth", fr: "Affecter à la cabine", es: "Asignar a la cabina" }
    SymPartBody { en: "the commission (E/CN.7 for CND, E/CN.15 for CCPCJ)", fr: "la commission (E/CN.7 pour la CND, E/CN.15 pour la CCPCJ)", es: "la comisión (E/CN.7 para la CND, E/CN.15 para la CCPCJ)" }
    SymPartYear { en: "the year", fr: "l'année", es: "el año" }
    SymPartDocNumber { en: "the document number", fr: "le numéro du document", es: "el número del documento" }
    SymPartNumberAfter { en: "the number after “{0}”", fr: "le numéro après « {0} »", es: "el número después de “{0}”" }
    SymEmpty { en: "Type the document's symbol.", fr: "Saisissez la cote du document.", es: "Escriba la signatura del documento." }
    SymTooLong { en: "Too long for a symbol (at most {0} characters).", fr: "Trop long pour une cote (au plus {0} caractères).", es: "Demasiado larga para una signatura (como máximo {0} caracteres)." }
    SymSpace { en: "There is a space at character {0}; a symbol has none.", fr: "Il y a une espace au caractère {0} ; une cote n'en contient pas.", es: "Hay un espacio en el carácter {0}; una signatura no lleva espacios." }
    SymCharacter { en: "“{0}” (character {1}) has no place in a symbol: Latin letters, digits, “.”, “/” and a final “*” only.", fr: "« {0} » (caractère {1}) n'a pas sa place dans une cote : lettres latines, chiffres, « . », « / » et « * » final seulement.", es: "“{0}” (carácter {1}) no cabe en una signatura: solo letras latinas, cifras, “.”, “/” y un “*” final." }
    SymReissue { en: "The reissue mark “*” comes only at the very end, at most twice.", fr: "La marque de nouveau tirage « * » ne vient qu'à la fin, deux fois au plus.", es: "La marca de reedición “*” solo va al final, como máximo dos veces." }
    SymSlash { en: "A “/” is misplaced: at the start, at the end, or twice in a row.", fr: "Une « / » est mal placée : au début, à la fin ou deux fois de suite.", es: "Una “/” está mal colocada: al principio, al final o dos veces seguidas." }
    SymBody { en: "“{0}” is not an ECOSOC functional commission: a symbol starts “E/CN.7/” or “E/CN.15/”.", fr: "« {0} » n'est pas une commission technique de l'ECOSOC : une cote commence par « E/CN.7/ » ou « E/CN.15/ ».", es: "“{0}” no es una comisión orgánica del ECOSOC: una signatura empieza por “E/CN.7/” o “E/CN.15/”." }
    SymWrite { en: "“{0}” is written “{1}”.", fr: "« {0} » s'écrit « {1} ».", es: "“{0}” se escribe “{1}”." }
    SymMissing { en: "Missing: {0}.", fr: "Il manque {0}.", es: "Falta {0}." }
    SymNumber { en: "{0} should be a number; it is “{1}”.", fr: "{0} doit être un nombre ; c'est « {1} ».", es: "{0} debe ser un número; es “{1}”." }
    SymZero { en: "{0} cannot be 0; numbering starts at 1.", fr: "{0} ne peut être 0 ; la numérotation commence à 1.", es: "{0} no puede ser 0; la numeración empieza en 1." }
    SymTooLarge { en: "{0}, “{1}”, is too large.", fr: "{0}, « {1} », est trop grand.", es: "{0}, “{1}”, es demasiado grande." }
    SymYear { en: "The year “{0}” is not possible: four digits, from 1978 to 2100.", fr: "L'année « {0} » n'est pas possible : quatre chiffres, de 1978 à 2100.", es: "El año “{0}” no es posible: cuatro cifras, de 1978 a 2100." }
    SymSeries { en: "After the year comes a number, “L.n”, “CRP.n”, “INF/n” or “NGO/n”, not “{0}”.", fr: "Après l'année vient un numéro, « L.n », « CRP.n », « INF/n » ou « NGO/n », et non « {0} ».", es: "Después del año va un número, “L.n”, “CRP.n”, “INF/n” o “NGO/n”, no “{0}”." }
    SymSuffix { en: "Only “/Rev.n”, “/Add.n” and “/Corr.n” may follow the number, not “{0}”.", fr: "Seuls « /Rev.n », « /Add.n » et « /Corr.n » peuvent suivre le numéro, et non « {0} ».", es: "Solo “/Rev.n”, “/Add.n” y “/Corr.n” pueden seguir al número, no “{0}”." }
    SymDuplicate { en: "“{0}” and “{1}” cannot both be there: write only “{1}”.", fr: "« {0} » et « {1} » ne peuvent coexister : n'écrivez que « {1} ».", es: "“{0}” y “{1}” no pueden figurar juntos: escriba solo “{1}”." }
    SymAfterCorr { en: "“{0}” cannot follow a corrigendum: “/Corr.n” always comes last.", fr: "« {0} » ne peut suivre un rectificatif : « /Corr.n » vient toujours en dernier.", es: "“{0}” no puede seguir a una corrección: “/Corr.n” va siempre al final." }
    SymRevises { en: "A valid symbol: a revision of {0}.", fr: "Cote valide : révision de {0}.", es: "Signatura válida: revisión de {0}." }
    SymCorrects { en: "A valid symbol: a corrigendum to {0}.", fr: "Cote valide : rectificatif de {0}.", es: "Signatura válida: corrección de {0}." }
    SymAddsTo { en: "A valid symbol: an addendum to {0}.", fr: "Cote valide : additif à {0}.", es: "Signatura válida: adición a {0}." }
    SymNewDocument { en: "A valid symbol: a new document.", fr: "Cote valide : nouveau document.", es: "Signatura válida: documento nuevo." }
    DocDraftResolution { en: "Draft resolution", fr: "Projet de résolution", es: "Proyecto de resolución" }
    DocConferenceRoomPaper { en: "Conference room paper", fr: "Document de séance", es: "Documento de sesión" }
    DocInformation { en: "Information paper", fr: "Document d'information", es: "Documento de información" }
    DocNgoStatement { en: "Statement by a non-governmental organization", fr: "Déclaration d'une organisation non gouvernementale", es: "Declaración de una organización no gubernamental" }
    DocReport { en: "Report", fr: "Rapport", es: "Informe" }
    DocOther { en: "Other document", fr: "Autre document", es: "Otro documento" }
    DocAdvanceUnedited { en: "Advance unedited version", fr: "Version préliminaire non éditée", es: "Versión anticipada no editada" }
    DocFinal { en: "Final (edited) version", fr: "Version définitive (éditée)", es: "Versión definitiva (editada)" }
    DistGeneral { en: "General: everyone, the webcast included", fr: "Générale : tous, y compris la diffusion sur le Web", es: "General: todos, incluida la transmisión web" }
    DistLimited { en: "Limited: everyone taking part in the session", fr: "Limitée : tous les participants à la session", es: "Limitada: todos los participantes en el período de sesiones" }
    DistMembers { en: "Members of the Commission only", fr: "Membres de la Commission seulement", es: "Solo los miembros de la Comisión" }
    DistDelegations { en: "The delegations named below", fr: "Les délégations désignées ci-dessous", es: "Las delegaciones indicadas a continuación" }
    ConsoleStillUploading { en: "A file is still uploading; publish when it is done.", fr: "Un fichier est en cours de téléversement ; publiez une fois terminé.", es: "Todavía se está cargando un archivo; publique cuando termine." }
    ConsolePublishTitle { en: "Publish a document", fr: "Publier un document", es: "Publicar un documento" }
    ConsoleSymbol { en: "Symbol", fr: "Cote", es: "Signatura" }
    ConsoleDocStatus { en: "Version", fr: "Version du texte", es: "Versión" }
    ConsoleDistribution { en: "Distribution (who may see it)", fr: "Distribution (qui peut le consulter)", es: "Distribución (quién puede verlo)" }
    ConsoleDocAgenda { en: "Agenda items (e.g. 5, 5 (a))", fr: "Points de l'ordre du jour (par ex. 5, 5 a))", es: "Temas del programa (p. ej. 5, 5 a))" }
    ConsoleMainSponsor { en: "Main sponsor", fr: "Auteur principal", es: "Patrocinador principal" }
    ConsoleFiles { en: "A file per language", fr: "Un fichier par langue", es: "Un archivo por idioma" }
    ConsoleUploading { en: "Uploading…", fr: "Téléversement…", es: "Cargando…" }
    ConsoleUploaded { en: "Uploaded ({0} KB)", fr: "Téléversé ({0} Ko)", es: "Cargado ({0} KB)" }
    ConsolePublish { en: "Publish", fr: "Publier", es: "Publicar" }
    ConsoleRegister { en: "Register of documents and history of each symbol", fr: "Registre des documents et historique de chaque cote", es: "Registro de documentos e historial de cada signatura" }
    ConsoleReplacedBy { en: "replaced by {0}", fr: "remplacé par {0}", es: "sustituido por {0}" }
    ConsoleRevise { en: "Revise", fr: "Réviser", es: "Revisar" }
    ConsoleCorrigendum { en: "Corrigendum", fr: "Rectificatif", es: "Corrección" }
    ConsoleAddendum { en: "Addendum", fr: "Additif", es: "Adición" }
    ConsoleNoParent { en: "(none: a main item)", fr: "(aucun : point principal)", es: "(ninguno: tema principal)" }
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
        T::KindMember => "عضو في اللجنة",
        T::KindObserverState => "دولة مراقبة",
        T::KindIgo => "منظمة حكومية دولية",
        T::KindUnEntity => "كيان تابع للأمم المتحدة",
        T::KindNgo => "منظمة غير حكومية",
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
        // refusals: what was refused (the server's `Rejection`, rejections.rs)
        T::RjNotPermitted => "لا يجوز للمشارك الذي دوره «{0}» {1}.",
        T::RjNoDelegation => "لا تمثلون أي وفد.",
        T::RjUnknownDelegation => "الوفد {0} غير مدرج في قائمة المشاركين في هذه الدورة.",
        T::RjNotInDelegation => "المشارك {0} لا ينتمي إلى هذا الوفد ({1}).",
        T::RjUnknownAgendaItem => "البند {0} غير موجود في جدول أعمال هذه الجلسة.",
        T::RjNoCurrentItem => "لا يوجد بند قيد النظر؛ يُرجى تحديد بند أو الشروع في النظر في بند أولًا.",
        T::RjUnknownEntry => "القيد {0} ليس في انتظار الكلمة.",
        T::RjNotYourEntry => "القيد {0} يخص وفدًا آخر.",
        T::RjWrongMeetingStatus => "حالة الجلسة: {0}؛ لا يمكن {1} الآن.",
        T::RjDuplicateAgendaNumber => "يتضمن جدول الأعمال بالفعل بندًا برقم {0}.",
        T::RjInvalidAgendaParent => "لا يمكن أن يتضمن البند {0} بنودًا فرعية.",
        T::RjInvalidText => "الحقل «{0}» فارغ أو يتجاوز الحد الأقصى لعدد الأحرف ({1}).",
        T::RjListClosed => "أُقفلت قائمة المتكلمين في إطار البند {0}؛ ولا يزال من الممكن ممارسة حق الرد.",
        T::RjAlreadyInscribed => "لدى {0} بالفعل بيانات في الانتظار بشأن هذا البند (العدد: {1})؛ ويجوز للرئيس السماح بالمزيد.",
        T::RjReplyLimitReached => "استنفد {0} عدد المرات المسموح بها لممارسة حق الرد في إطار هذا البند ({1}).",
        T::RjAlreadyRaised => "لدى الوفد بالفعل طلب من هذا النوع في الانتظار (القيد {0}).",
        T::RjNgoInscribedByChair => "تتكلم المنظمات غير الحكومية عندما يأذن الرئيس بذلك: يُرجى أن تطلبوا من الأمانة تسجيلكم.",
        T::RjFloorOccupied => "الكلمة الآن لصاحب القيد {0}؛ يُرجى إنهاء تلك الكلمة أولًا.",
        T::RjAlreadyPaused => "توقيت المتكلم متوقف مؤقتًا بالفعل.",
        T::RjNotPaused => "توقيت المتكلم يعمل.",
        T::RjInterventionPending => "يجب الاستماع أولًا إلى نقطة نظام أو اقتراح إجرائي (القيد {0}).",
        T::RjRulingPending => "يُرجى البتّ أولًا في القيد {0}.",
        T::RjNobodyWaiting => "لا أحد في انتظار الكلمة.",
        T::RjNotMovable => "لا يمكن نقل القيد {0}.",
        T::RjNothingToRule => "القيد {0} ليس نقطة نظام أو اقتراحًا إجرائيًا في انتظار البتّ.",
        T::RjListAlreadyThere => "قائمة المتكلمين في إطار البند {0} في هذه الحالة بالفعل.",
        T::RjUnknownProposal => "لا يوجد مقترح {0} معروض على الجلسة.",
        T::RjAlreadyDecided => "سبق البتّ في المقترح {0}.",
        T::RjUnknownVote => "لا يوجد تصويت {0}.",
        T::RjVoteInProgress => "التصويت {0} جارٍ؛ ولا يجوز مقاطعته إلا بنقطة نظام تتعلق بطريقة إجراء التصويت.",
        T::RjVoteNotOpen => "التصويت {0} غير مفتوح.",
        T::RjNoQuorum => "النصاب القانوني غير مكتمل: عدد الأعضاء الحاضرين {0}، والعدد المطلوب {1}.",
        T::RjNotAMember => "{0} ليس عضوًا في اللجنة: لا يصوّت إلا الأعضاء.",
        T::RjAlreadyVoted => "سبق أن صوّت {0}.",
        T::RjNotYourTurn => "يجري الآن نداء {0}؛ يُرجى الرد عند نداء وفدكم.",
        T::RjEveryoneCalled => "جرى نداء جميع الأعضاء.",
        T::RjRollCallIncomplete => "لا يزال هناك أعضاء لم يُنادَوا بعد (العدد: {0}).",
        T::RjInvalidChoice => "هذا الخيار لا يتناسب مع هذا التصويت.",
        T::RjCountsRequired => "يتطلب التصويت برفع الأيدي إدخال الأعداد: المؤيدون والمعارضون والممتنعون.",
        T::RjCountsNotAllowed => "يُحتسب هذا التصويت تلقائيًا؛ ولا تُدخَل الأعداد إلا في التصويت برفع الأيدي.",
        T::RjCountsExceedMembers => "مجموع الأعداد يتجاوز عدد الأعضاء ({0}).",
        T::RjCountsExceedPresent => "مجموع الأعداد يتجاوز عدد الأعضاء الحاضرين ({0}).",
        T::RjNothingToAppeal => "لا يوجد قرار بشأن القيد {0} يمكن الطعن فيه.",
        T::RjNoMoreSpeakersForMotion => "يسمح النظام الداخلي بـ {0} من المتكلمين تأييدًا للاقتراح {1}، لا أكثر.",
        T::RjNoMoreSpeakersAgainstMotion => "يسمح النظام الداخلي بـ {0} من المتكلمين معارضةً للاقتراح {1}، لا أكثر.",
        T::RjReplyReservedToStates => "يقصر النظام الداخلي حق الرد على الدول.",
        T::RjInvalidCandidates => "تتطلب الانتخابات مرشحًا واحدًا على الأقل، يُذكر كل منهم مرة واحدة.",
        T::RjSponsorCannotExplain => "لا يعلّل مقدمو المقترح تصويتهم عليه ما لم يكن قد عُدِّل (المقترح {0}).",
        T::RjNotARollCall => "التصويت {0} ليس تصويتًا بنداء الأسماء.",
        T::RjCountedByChair => "التصويت {0} يجري برفع الأيدي: الرئيس هو من يحصي الأصوات.",
        T::RjDuplicateSymbol => "سبق نشر وثيقة تحمل الرمز {0}.",
        T::RjMissingOriginal => "تشير الوثيقة {0} إلى الوثيقة {1}، التي لم تُنشر بعد.",
        T::RjUnknownDocument => "لا توجد وثيقة {0}.",
        T::RjInvalidFiles => "الملفات غير صحيحة: {0}.",
        T::RjNotAState => "{0} ليس دولة: لا تقدِّم مشاريعَ القرارات إلا الدول.",
        T::RjNotADraft => "الوثيقة {0} ليست مشروع قرار: مشاريع القرارات وحدها لها مقدِّمون.",
        T::RjSponsorshipClosed => "أُقفلت قائمة مقدِّمي الوثيقة {0}.",
        T::RjAlreadySponsor => "وفدكم من مقدِّمي الوثيقة {0} بالفعل.",
        T::RjNotASponsor => "وفدكم ليس من مقدِّمي الوثيقة {0}.",
        T::RjUnknownChannel => "لا توجد قناة ترجمة شفوية {0}.",
        T::RjNotAnInterpreter => "المشارك {0} ليس مترجمًا شفويًا.",
        T::RjNotInBooth => "لستم في المقصورة {0}.",
        T::RjMicrophoneNotLive => "الميكروفون لديكم ليس الميكروفون المفتوح في المقصورة {0}.",
        T::RjSlowDownJustAsked => "طلبت المقصورة {0} من المتكلم التمهُّل قبل لحظات؛ وقد أُبلغ الرئيس بذلك.",
        // refusals: commands, as the verb of "may not ..." / "it is not possible to ..." (wire names)
        T::CmdOpenMeeting => "افتتاح الجلسة",
        T::CmdSuspendMeeting => "تعليق الجلسة",
        T::CmdResumeMeeting => "استئناف الجلسة",
        T::CmdCloseMeeting => "رفع الجلسة",
        T::CmdAddAgendaItem => "إضافة بند إلى جدول الأعمال",
        T::CmdTakeUpItem => "الشروع في النظر في بند من جدول الأعمال",
        T::CmdCheckIn => "تسجيل الحضور",
        T::CmdRecordAttendance => "تسجيل حضور وفد",
        T::CmdRequestFloor => "طلب الكلمة",
        T::CmdInscribeSpeaker => "تسجيل متكلم",
        T::CmdWithdrawEntry => "سحب طلب الكلمة",
        T::CmdMoveEntry => "نقل قيد في القائمة",
        T::CmdAnnounceListClosing => "الإعلان عن إقفال قائمة المتكلمين",
        T::CmdCloseList => "إقفال قائمة المتكلمين",
        T::CmdReopenList => "إعادة فتح قائمة المتكلمين",
        T::CmdRaisePointOfOrder => "إثارة نقطة نظام",
        T::CmdRaiseMotion => "تقديم اقتراح إجرائي",
        T::CmdRequestRightOfReply => "طلب ممارسة حق الرد",
        T::CmdNextSpeaker => "إعطاء الكلمة للمتكلم التالي",
        T::CmdGiveFloor => "إعطاء الكلمة",
        T::CmdPauseSpeech => "إيقاف توقيت المتكلم مؤقتًا",
        T::CmdResumeSpeech => "استئناف توقيت المتكلم",
        T::CmdEndSpeech => "إنهاء الكلمة",
        T::CmdRule => "البتّ في نقطة نظام أو اقتراح إجرائي",
        T::CmdAssignInterpreter => "تعيين مترجم شفوي في مقصورة",
        T::CmdTakeMicrophone => "تشغيل ميكروفون المقصورة",
        T::CmdReleaseMicrophone => "إطفاء ميكروفون المقصورة",
        T::CmdAskToSlowDown => "الطلب من المتكلم التمهُّل",
        T::CmdTableProposal => "تقديم مقترح",
        T::CmdAmendProposal => "تسجيل تعديل على مقترح",
        T::CmdAdoptWithoutVote => "اعتماد مقترح دون تصويت",
        T::CmdOpenVote => "فتح باب التصويت",
        T::CmdCastVote => "الإدلاء بالصوت",
        T::CmdPassMember => "تجاوز العضو الذي يجري نداؤه",
        T::CmdCloseVote => "إقفال باب التصويت",
        T::CmdPublish => "نشر وثيقة",
        T::CmdAddFiles => "إضافة نسخ لغوية إلى وثيقة",
        T::CmdSignOn => "الانضمام إلى مقدِّمي مشروع قرار",
        T::CmdSignOff => "الانسحاب من قائمة مقدِّمي مشروع القرار",
        T::CmdCloseSponsorship => "إقفال قائمة مقدِّمي مشروع القرار",
        // refusals: text fields (`InvalidText`) and file problems (`InvalidFiles`)
        T::FieldRuling => "القرار",
        T::FieldGroup => "المجموعة",
        T::FieldReference => "الرمز",
        T::FieldAgendaItem => "بند جدول الأعمال",
        T::FilesNoLanguage => "يلزم توفير نسخة لغوية واحدة على الأقل",
        T::FilesOnePerLanguage => "ملف واحد لكل لغة",
        T::FilesContentId => "يُشار إلى الملف بمعرِّف المحتوى الذي أُعيد عند تحميله",
        T::FilesDistribution => "يجب أن يحدِّد التوزيع المحدود وفدًا واحدًا على الأقل",
        T::FilesNotUploaded => "لم يُحمَّل أي ملف {0} في هذه الدورة",
    // --- the chair's console at plenary size and the delegate's place (issue 11)
        T::ListCount => "{0} في الانتظار · نحو {1}",
        T::YourPlace => "ترتيبكم {0} في قائمة المتكلمين، بعد {1}.",
        T::YouAreNext => "أنتم المتكلم التالي.",
        T::GetReady => "استعدوا: اقترب دوركم.",
        T::RequestsFloorNow => "يطلب الكلمة الآن",
        T::SoundAlerts => "تنبيه صوتي لنقاط النظام والاقتراحات",
        T::InscribeDelegation => "تسجيل وفد",
        T::NoSuchDelegation => "لا يوجد وفد باسم «{0}».",
        T::ChooseDelegation => "اكتبوا اسم وفد أو اختاروه.",
        T::ChannelLive => "{0} — مباشر",
        T::SelfCheck => "تحقَّقوا من الميكروفون والكاميرا",
        T::SelfCheckHint => "لا يرى هذا الفحص ولا يسمعه أحد سواكم؛ ولا يُرسَل شيء قبل أن تُعطى لكم الكلمة.",
        T::SelfView => "الكاميرا الخاصة بكم",
        T::MicLevel => "مستوى الميكروفون",
        T::StartCheck => "بدء الفحص",
        T::StopCheck => "إنهاء الفحص",
        T::NoMicrophone => "لا تصل هذه الصفحة إلى الميكروفون: اسمحوا بذلك في المتصفح ثم أعيدوا تحميلها.",
        // rules of procedure: leaving a meeting, proposals withdrawn, votes asked for, reconsideration, budget implications (issue 12)
        T::RjNotCheckedIn => "المشارك {0} غير مسجَّل الحضور في هذه الجلسة.",
        T::RjNotPresent => "{0} ليس حاضرًا: لا يصوِّت إلا الأعضاء الحاضرون.",
        T::RjNotProposalSponsor => "لا يجوز سحب المقترح {0} إلا لمقدِّميه.",
        T::RjAmendedProposal => "عُدِّل المقترح {0}؛ ولم يعد من الممكن سحبه.",
        T::RjProposalWithdrawn => "سُحب المقترح {0}.",
        T::RjVoteAskedFor => "طلب {0} إجراء تصويت على المقترح {1}: يُطرح المقترح للتصويت.",
        T::RjNotDecided => "لم يُبتّ بعدُ في المقترح {0}؛ فلا يوجد ما يُعاد النظر فيه.",
        T::RjMotionNamesProposal => "يجب أن يحدِّد اقتراح إعادة النظر أو التجزئة المقترحَ المعني.",
        T::RjDecidedByVote => "يُبتّ في الاقتراح {0} بالتصويت بأغلبية ثلثي الأعضاء الحاضرين والمصوِّتين، لا بقرار من الرئيس.",
        T::RjBudgetImplicationsPending => "لم تعرض الأمانة بعدُ الآثار المترتبة في الميزانية البرنامجية على المقترح {0}.",
        T::CmdCheckOut => "تسجيل المغادرة من الجلسة",
        T::CmdRecordDeparture => "تسجيل مغادرة مشارك",
        T::CmdWithdrawProposal => "سحب مقترح",
        T::CmdRequestVote => "طلب إجراء تصويت على مقترح",
        T::CmdMoveReconsideration => "تقديم اقتراح بإعادة النظر في مقترح",
        T::CmdStateBudgetImplications => "عرض الآثار المترتبة في الميزانية البرنامجية على مقترح",
        T::FieldStatement => "البيان",
        T::FieldDocument => "الوثيقة",
        T::RjAmendsAnAmendment => "المقترح {0} هو نفسه تعديل؛ يُرجى تعديل المقترح الذي يعدِّله.",
        T::RjAmendmentsFirst => "يجب البتّ أولًا في التعديل {0} على المقترح {1}.",
        T::RjAmendmentOutOfOrder => "وفقًا لترتيب التصويت، يُبتّ في التعديل {0} قبل التعديل {1}.",
        T::RjInvalidVotingOrder => "يجب أن يُدرج ترتيب التصويت كل تعديل على المقترح {0} مرة واحدة.",
        T::CmdSetVotingOrder => "تحديد ترتيب التصويت على التعديلات",
        T::CmdReviseOrally => "تسجيل تنقيح شفوي لمقترح",
        T::FieldText => "النص",
        T::RjInvalidDivision => "لا يمكن تجزئة المقترح {0} على هذا النحو: يُرجى تحديد جزأين أو أكثر، يتراوح طول كل منهما بين 1 و300 حرف، من مقترح لم يُجزَّأ بعد.",
        T::RjPartsFirst => "يجب البتّ أولًا في الجزء {0} من المقترح {1}.",
        T::CmdMoveDivision => "طلب تجزئة مقترح",
        T::CmdHearOnMotion => "إعطاء الكلمة لمتكلم بشأن اقتراح",
        T::CmdPutToVote => "طرح اقتراح أو طعن للتصويت",
        T::CmdAppealRuling => "الطعن في قرار الرئيس",
        // a high-level segment (ui/common.rs, ui/chair.rs)
        T::RankHead => "رئيس دولة أو حكومة",
        T::RankMinister => "وزير",
        T::RankViceMinister => "نائب وزير",
        T::RankOther => "ممثل آخر",
        T::RankUnset => "لم تُحدَّد الرتبة",
        T::RankLabel => "رتبة المتكلم",
        T::HighLevelSegment => "الجزء الرفيع المستوى: المتكلمون حسب الرتبة",
        T::CmdSetItemRules => "تحديد قواعد بند من بنود جدول الأعمال",
        T::CmdSetSpeakerRank => "تسجيل رتبة متكلم",
        T::RjNotAStatement => "القيد {0} ليس بيانًا في الانتظار؛ لا رتبة إلا لمتكلم يُدلي ببيان.",
        T::RjInvalidTimeLimit => "يجب أن يكون الحد الزمني «{0}» بين 10 ثوانٍ وساعة واحدة؛ وهو {1} ث.",
        T::RoomTitle => "وفد حاضر في القاعة",
        T::RoomHint => "عندما يرفع ممثل حاضر في القاعة لافتة بلده أو يجيب شفويًا، أدخل طلبه هنا: يُبتّ فيه كطلب الوفد نفسه، ويبيّن المحضر أنه قُدّم في القاعة.",
        T::RoomVote => "تصويته: {0}",
        T::RoomSecretBallot => "في الاقتراع السري يصوّت كل عضو بنفسه.",
        T::RoomDone => "قُدّم باسم {0}: {1}.",
        T::MotionLabel => "اقتراح إجرائي",
        T::MoveMotion => "تقديم الاقتراح",
        T::CmdActForDelegation => "التصرف باسم وفد حاضر في القاعة",
        T::RjNotForTheRoom => "لا يمكن للأمانة {0} باسم وفد حاضر في القاعة.",
        T::RjSecretBallotNotInTheRoom => "التصويت {0} اقتراع سري: يصوّت كل عضو بنفسه؛ ولا يمكن للأمانة التصويت باسم وفد.",
        T::VtSeats => "المقاعد المراد شغلها",
        T::VtMarkUpTo => "ضع علامة على ما يصل إلى {0} من المرشحين، ثم أودع ورقة الاقتراع.",
        T::VtCastBallot => "إيداع ورقة الاقتراع",
        T::VtPlacesLeft => "{0} مقعد (مقاعد) لم تُشغل بعد",
        T::VtBallotNumber => "الاقتراع {0}، مقيَّد",
        T::VtDrawnByLot => "بالقرعة: {0}",
        T::VtNextBallot => "فتح الاقتراع التالي",
        T::VtAcclaim => "الانتخاب بالتزكية",
        T::VtElectedByAcclamation => "انتُخب بالتزكية: {0}",
        T::CmdOpenNextBallot => "فتح الاقتراع التالي في انتخاب",
        T::CmdElectByAcclamation => "إعلان انتخاب مرشحين بالتزكية",
        T::RjInvalidSeats => "يشغل الانتخاب ما بين 1 مقعد وعدد مقاعد يساوي عدد مرشحيه ({1})؛ لا يمكن شغل {0}.",
        T::RjNoBallotToFollow => "لا يوجد اقتراع في انتخاب بشأن المقترح {0} يستدعي اقتراعًا تاليًا: افتح تصويتًا.",
        T::RjElectionUnderWay => "يستمر الانتخاب بشأن المقترح {0} بعد الاقتراع {1}: افتح الاقتراع التالي المقيَّد بأفضل المرشحين ترتيبًا.",
        T::AgendaProvisional => "جدول الأعمال المؤقت",
        T::AgendaAdoptedLabel => "جدول الأعمال (مُقرّ)",
        T::AdoptAgenda => "إقرار جدول الأعمال",
        T::EditItem => "تعديل",
        T::SaveItem => "حفظ",
        T::CancelEdit => "إلغاء",
        T::MoveItemUp => "نقل إلى أعلى",
        T::MoveItemDown => "نقل إلى أسفل",
        T::ContinueFromLabel => "مواصلة جلسة سابقة (جدول أعمالها وقوائم المتكلمين فيها)",
        T::ContinueFromButton => "مواصلة",
        T::ContinuesMeeting => "مواصلة لـ: {0}",
        T::CmdEditAgendaItem => "تصحيح بند من بنود جدول الأعمال",
        T::CmdMoveAgendaItem => "إعادة ترتيب جدول الأعمال",
        T::CmdAdoptAgenda => "إقرار جدول الأعمال",
        T::CmdContinueFrom => "مواصلة جلسة سابقة",
        T::RjInvalidAgendaPlace => "لا يمكن وضع البند {0} بعد البند {1}: إلا بين البنود من المستوى نفسه.",
        T::RjAgendaAdoptedAlready => "سبق إقرار جدول الأعمال.",
        T::RjAgendaEmpty => "لا توجد في جدول الأعمال بنود لإقرارها.",
        T::RjAgendaNotEmpty => "بدأت هذه الجلسة جدول أعمالها الخاص؛ ولا يمكنها مواصلة جلسة سابقة إلا قبل ذلك.",
        T::RjNotAnEarlierMeeting => "الجلسة {0} ليست جلسة أخرى من جلسات هذه الدورة.",
        T::TakeFloorMicrophone => "التحدث باسم الوفد من هذا الجهاز",
        T::ColleagueSpeaks => "الكلمة لوفدكم؛ ويُسمع ميكروفون أحد زملائكم.",
        T::CmdPassFloorMicrophone => "تمرير ميكروفون الوفد",
        T::RjNotYourFloor => "ليست الكلمة لوفدكم لتمريرها: فهي لوفد آخر أو لا أحد، أو متكلمها في القاعة.",
        // decisions and votes (ui/votes.rs): the chair's decisions, the voting panel, the vote board
        T::VtDecisions => "المقررات",
        T::VtProposals => "المقترحات المعروضة على الجلسة",
        T::VtNoProposals => "لم يُقدَّم أي مقترح.",
        T::VtTableHeading => "تقديم مقترح",
        T::VtReference => "رمز الوثيقة أو المرجع",
        T::VtTitle => "العنوان",
        T::VtSponsors => "مقدِّمو المقترح",
        T::VtSubmitProposal => "تقديم المقترح",
        T::VtSponsoredBy => "مقدِّمو المقترح: {0}",
        T::VtUndecided => "لم يُبتّ فيه بعد",
        T::VtAdoptedWithoutVote => "اعتُمد دون تصويت",
        T::VtAdoptWithoutVote => "اعتماد دون تصويت",
        T::VtOpenVoteHeading => "طرح مقترح للتصويت",
        T::VtProposal => "المقترح",
        T::VtMethod => "طريقة التصويت",
        T::VtMajority => "الأغلبية المطلوبة",
        T::VtCandidates => "المرشحون، مرشح واحد في كل سطر",
        T::VtOpenVote => "فتح باب التصويت",
        T::VtShowOfHands => "التصويت برفع الأيدي",
        T::VtRecorded => "تصويت مسجَّل",
        T::VtRollCall => "التصويت بنداء الأسماء",
        T::VtSecretBallot => "الاقتراع السري",
        T::VtMajoritySimple => "أغلبية الأعضاء الحاضرين والمصوتين",
        T::VtMajorityTwoThirds => "أغلبية ثلثي الأعضاء الحاضرين والمصوتين",
        T::VtMajorityTwoThirdsMembers => "ثلثا أعضاء اللجنة",
        T::VtMotionSuspend => "تعليق الجلسة",
        T::VtMotionAdjourn => "رفع الجلسة",
        T::VtMotionAdjournDebate => "تأجيل المناقشة",
        T::VtMotionCloseDebate => "إقفال باب المناقشة",
        T::VtMotionReconsider => "إعادة النظر في مقترح",
        T::VtMotionDivision => "تجزئة مقترح",
        T::VtRejectedInParts => "مرفوض: رُفضت جميع الأجزاء",
        T::VtSubjectMotion => "اقتراح بشأن {0}",
        T::VtSubjectAppeal => "الطعن في قرار الرئيس",
        T::VtMotionBy => "{0}: اقتراح بشأن {1}",
        T::VtAppealBy => "{0}: الطعن في قرار الرئيس",
        T::VtAwaitingDecision => "في انتظار البتّ",
        T::VtPutToVote => "الطرح للتصويت",
        T::VtVoteOpen => "التصويت جارٍ",
        T::VtVotedCount => "صوَّت {0} من أصل {1} عضوًا",
        T::VtHaveVoted => "صوَّت: {0}",
        T::VtNobodyVotedYet => "لم يصوِّت أي عضو بعد.",
        T::VtCalled => "يُنادى الآن: {0}",
        T::VtCalledAgain => "يُنادى للمرة الثانية: {0}",
        T::VtPass => "لا رد: تجاوز",
        T::VtCloseVote => "إقفال باب التصويت وإعلان النتيجة",
        T::VtInFavour => "المؤيدون",
        T::VtAgainst => "المعارضون",
        T::VtAbstentions => "الممتنعون",
        T::VtRequiredMajority => "الأغلبية المطلوبة",
        T::VtPresentAndVoting => "الأعضاء الحاضرون والمصوتون",
        T::VtAdopted => "اعتُمد",
        T::VtRejected => "رُفض",
        T::VtElected => "انتُخب: {0}",
        T::VtNotElected => "لم يُنتخب أي مرشح",
        T::VtVoid => "باطل: سيُعاد التصويت",
        T::VtAbsent => "غائب",
        T::VtVoting => "التصويت",
        T::VtNoVoteOpen => "لا يجري أي تصويت.",
        T::VtYes => "نعم",
        T::VtNo => "لا",
        T::VtAbstain => "امتناع",
        T::VtYouVoted => "سُجِّل صوتكم: {0}",
        T::VtVoteRecorded => "سُجِّل صوتكم.",
        T::VtBallotCast => "أُودعت ورقة اقتراعكم. ولا يُسجَّل اختياركم في أي مكان.",
        T::VtObserversDoNotVote => "لا يصوِّت إلا أعضاء اللجنة.",
        T::VtYouAreCalled => "يُنادى وفدكم: يُرجى التصويت الآن.",
        T::VtExplainBefore => "تعليل التصويت قبل التصويت على {0}",
        T::VtExplainAfter => "تعليل التصويت بعد التصويت على {0}",
        T::VtAppeal => "الطعن في قرار الرئيس",
        // secretariat's console (issue 11, item 2)
        T::ConsoleTitle => "وحدة التحكم الخاصة بالأمانة",
        T::ConsoleBooths => "مقصورات الترجمة الشفوية",
        T::ConsoleNameTaken => "يوجد بالفعل وفد آخر في هذه الدورة يحمل هذا الاسم.",
        T::ConsoleFieldLength => "يجب ألا يكون هذا الحقل فارغًا ولا طويلًا أكثر من اللازم.",
        T::ConsoleDelegationRequired => "المندوب ينتمي إلى وفد: يُرجى اختيار وفد.",
        T::ConsoleUnknownDelegation => "هذا الوفد غير مدرج في قائمة هذه الدورة.",
        T::ConsoleForbidden => "لا يتيح لكم تسجيل دخولكم القيام بذلك.",
        T::ConsoleControlCharacter => "يحتوي النص على حرف تحكم غير مرئي؛ يُرجى إعادة كتابته.",
        T::ConsoleFileType => "هذا الملف ليس مستند PDF أو Word أو Excel أو نصًا عاديًا، أو أنه فارغ.",
        T::ConsoleFileTooLarge => "هذا الملف كبير الحجم أكثر من اللازم.",
        T::ConsoleOpenMeetingFirst => "يُرجى فتح جلسة أولًا.",
        T::ConsoleWholeNumber => "يُرجى كتابة عدد صحيح.",
        T::ConsoleRuleTimeLimit => "{0} ث غير ممكن: يتراوح الحد الزمني بين {1} ث و{2} ث.",
        T::ConsoleRuleWaiting => "يجوز أن يكون للوفد ما بين 1 و20 بيانًا في الانتظار.",
        T::ConsoleRuleReplies => "10 ردود على الأكثر لكل وفد ولكل بند.",
        T::ConsoleRuleMotionSpeakers => "10 متكلمين على الأكثر في كل جانب من الاقتراح.",
        T::ConsoleRuleZeroQuorum => "النصاب القانوني البالغ صفرًا يتيح لأي أحد أن يقرر نيابة عن الجميع.",
        T::ConsoleLimitState => "دولة (بصفتها الوطنية)، بالثواني",
        T::ConsoleLimitGroup => "باسم مجموعة، بالثواني",
        T::ConsoleLimitOrganization => "منظمة أو كيان تابع للأمم المتحدة، بالثواني",
        T::ConsoleLimitNgo => "منظمة غير حكومية، بالثواني",
        T::ConsoleLimitFirstReply => "حق الرد الأول، بالثواني",
        T::ConsoleLimitSecondReply => "حق الرد الثاني، بالثواني",
        T::ConsoleTimeLimits => "الحدود الزمنية حسب فئة المتكلم",
        T::ConsoleRulesOther => "النصاب القانوني وقائمة المتكلمين",
        T::ConsoleQuorum => "النصاب القانوني، الأعضاء الحاضرون (فارغ: أغلبية الأعضاء)",
        T::ConsoleWaitingStatements => "البيانات التي يجوز أن تكون للوفد في الانتظار بشأن بند",
        T::ConsoleRepliesPerItem => "حقوق الرد لكل وفد ولكل بند",
        T::ConsoleRepliesTaken => "تُمارَس حقوق الرد",
        T::ConsoleEndOfItem => "في نهاية البند",
        T::ConsoleEndOfDay => "في نهاية اليوم",
        T::ConsoleReplyFor => "من يجوز له ممارسة حق الرد",
        T::ConsoleReplyStates => "الدول",
        T::ConsoleReplyAll => "جميع الوفود",
        T::ConsoleAdjournSpeakers => "المتكلمون المؤيدون والمعارضون لتأجيل المناقشة",
        T::ConsoleClosureSpeakers => "المتكلمون المعارضون لإقفال باب المناقشة",
        T::ConsoleReconsiderationSpeakers => "المتكلمون المعارضون لإعادة النظر في مقترح",
        T::ConsoleDivisionSpeakers => "المتكلمون المؤيدون والمعارضون لتجزئة مقترح",
        T::ConsoleNgoSelf => "يجوز للمنظمات غير الحكومية أن تسجل نفسها",
        T::ConsoleRecordingsForParticipants => "يجوز للمشاركين تنزيل التسجيلات الصوتية",
        T::ConsoleChannels => "قنوات الترجمة الشفوية (رموز اللغات)",
        T::ConsoleNoSession => "لا توجد دورة بعد: يُرجى إنشاء الدورة الأولى.",
        T::ConsoleCurrentSession => "الدورة قيد الإعداد",
        T::ConsoleNewSession => "دورة جديدة",
        T::ConsoleBodySymbol => "رمز الهيئة (E/CN.7 أو E/CN.15)",
        T::ConsoleCreateSession => "إنشاء الدورة",
        T::ConsoleSessionRules => "قواعد الدورة",
        T::ConsoleSaveRules => "حفظ القواعد",
        T::ConsoleSaved => "تم الحفظ.",
        T::ConsoleDelegationCount => "{0} وفدًا في القائمة",
        T::ConsoleEdit => "تعديل",
        T::ConsoleSave => "حفظ",
        T::ConsoleCancel => "إلغاء الأمر",
        T::ConsoleCopyCode => "نسخ الرمز",
        T::ConsoleCopyLink => "نسخ الرابط",
        T::ConsoleCopied => "تم النسخ.",
        T::ConsoleNotCopied => "تعذّر النسخ؛ يُرجى تحديد النص.",
        T::ConsoleRevoke => "إبطال",
        T::ConsoleConfirmRevoke => "نعم، إبطال",
        T::ConsoleRevoked => "أُبطل",
        T::ConsoleFormat => "الشكل",
        T::ConsoleFormatHybrid => "مختلطة",
        T::ConsoleFormatInPerson => "حضورية",
        T::ConsoleFormatOnline => "عبر الإنترنت",
        T::ConsoleFormatPodium => "المنصة وحدها في القاعة",
        T::ConsoleSubItemOf => "بند فرعي من",
        T::ConsoleChooseDelegation => "يُرجى اختيار وفد.",
        T::ConsoleChooseInterpreter => "يُرجى اختيار مترجم شفوي.",
        T::ConsoleInterpreters => "المترجمون الشفويون",
        T::ConsoleLiveMic => "الميكروفون المفتوح",
        T::ConsoleNobodyAssigned => "لم يُعيَّن أحد",
        T::ConsoleAssign => "التعيين في المقصورة",
        T::SymPartBody => "اللجنة (E/CN.7 للجنة المخدرات، E/CN.15 للجنة منع الجريمة)",
        T::SymPartYear => "السنة",
        T::SymPartDocNumber => "رقم الوثيقة",
        T::SymPartNumberAfter => "الرقم الوارد بعد ”{0}“",
        T::SymEmpty => "يُرجى كتابة رمز الوثيقة.",
        T::SymTooLong => "أطول من أن يكون رمزًا (لا يتجاوز {0} حرفًا).",
        T::SymSpace => "توجد مسافة عند الحرف {0}؛ لا يتضمن الرمز مسافات.",
        T::SymCharacter => "”{0}“ (الحرف {1}) غير مسموح به في الرمز: الحروف اللاتينية والأرقام و”.“ و”/“ و”*“ في النهاية فقط.",
        T::SymReissue => "علامة إعادة الإصدار ”*“ تأتي في النهاية فقط، مرتين على الأكثر.",
        T::SymSlash => "علامة ”/“ في غير موضعها: في البداية أو النهاية أو مكررة.",
        T::SymBody => "”{0}“ ليست لجنة فنية تابعة للمجلس الاقتصادي والاجتماعي: يبدأ الرمز بـ”E/CN.7/“ أو ”E/CN.15/“.",
        T::SymWrite => "”{0}“ تُكتب ”{1}“.",
        T::SymMissing => "ينقص: {0}.",
        T::SymNumber => "يجب أن يكون {0} رقمًا؛ وهو ”{1}“.",
        T::SymZero => "لا يمكن أن يكون {0} صفرًا؛ يبدأ الترقيم من 1.",
        T::SymTooLarge => "{0}، ”{1}“، كبير أكثر من اللازم.",
        T::SymYear => "السنة ”{0}“ غير ممكنة: أربعة أرقام، من 1978 إلى 2100.",
        T::SymSeries => "بعد السنة يأتي رقم أو ”L.n“ أو ”CRP.n“ أو ”INF/n“ أو ”NGO/n“، وليس ”{0}“.",
        T::SymSuffix => "لا يجوز أن يلي الرقمَ إلا ”/Rev.n“ و”/Add.n“ و”/Corr.n“، وليس ”{0}“.",
        T::SymDuplicate => "لا يمكن أن يرد ”{0}“ و”{1}“ معًا: اكتبوا ”{1}“ فقط.",
        T::SymAfterCorr => "لا يجوز أن يلي ”{0}“ التصويب: ”/Corr.n“ يأتي دائمًا في النهاية.",
        T::SymRevises => "رمز صحيح: تنقيح للوثيقة {0}.",
        T::SymCorrects => "رمز صحيح: تصويب للوثيقة {0}.",
        T::SymAddsTo => "رمز صحيح: إضافة إلى الوثيقة {0}.",
        T::SymNewDocument => "رمز صحيح: وثيقة جديدة.",
        T::DocDraftResolution => "مشروع قرار",
        T::DocConferenceRoomPaper => "ورقة اجتماع",
        T::DocInformation => "ورقة معلومات",
        T::DocNgoStatement => "بيان مقدم من منظمة غير حكومية",
        T::DocReport => "تقرير",
        T::DocOther => "وثيقة أخرى",
        T::DocAdvanceUnedited => "نسخة مسبقة غير محررة",
        T::DocFinal => "النسخة النهائية (المحررة)",
        T::DistGeneral => "عام: الجميع، بما في ذلك البث الشبكي",
        T::DistLimited => "محدود: جميع المشاركين في الدورة",
        T::DistMembers => "أعضاء اللجنة فقط",
        T::DistDelegations => "الوفود المذكورة أدناه",
        T::ConsoleStillUploading => "لا يزال ملف قيد التحميل؛ يُرجى النشر عند اكتماله.",
        T::ConsolePublishTitle => "نشر وثيقة",
        T::ConsoleSymbol => "الرمز",
        T::ConsoleDocStatus => "النسخة",
        T::ConsoleDistribution => "التوزيع (من يجوز له الاطلاع عليها)",
        T::ConsoleDocAgenda => "بنود جدول الأعمال (مثل 5، 5 (أ))",
        T::ConsoleMainSponsor => "المقدم الرئيسي",
        T::ConsoleFiles => "ملف لكل لغة",
        T::ConsoleUploading => "جارٍ التحميل…",
        T::ConsoleUploaded => "تم التحميل ({0} كيلوبايت)",
        T::ConsolePublish => "نشر",
        T::ConsoleRegister => "سجل الوثائق وتاريخ كل رمز",
        T::ConsoleReplacedBy => "حلت محلها {0}",
        T::ConsoleRevise => "تنقيح",
        T::ConsoleCorrigendum => "تصويب",
        T::ConsoleAddendum => "إضافة",
        T::ConsoleNoParent => "(لا يوجد: بند رئيسي)",
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
        T::KindMember => "委员会成员",
        T::KindObserverState => "观察员国",
        T::KindIgo => "政府间组织",
        T::KindUnEntity => "联合国实体",
        T::KindNgo => "非政府组织",
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
        // refusals: what was refused (the server's `Rejection`, rejections.rs)
        T::RjNotPermitted => "角色为“{0}”的与会者不得{1}。",
        T::RjNoDelegation => "您不代表任何代表团。",
        T::RjUnknownDelegation => "代表团{0}不在本届会议的与会名单上。",
        T::RjNotInDelegation => "与会者{0}不属于该代表团（{1}）。",
        T::RjUnknownAgendaItem => "本次会议议程中没有项目{0}。",
        T::RjNoCurrentItem => "目前没有正在审议的议程项目；请指明一个项目，或先开始审议一个项目。",
        T::RjUnknownEntry => "条目{0}不在等候发言之列。",
        T::RjNotYourEntry => "条目{0}属于另一个代表团。",
        T::RjWrongMeetingStatus => "会议状态为“{0}”，目前不能{1}。",
        T::RjDuplicateAgendaNumber => "议程中已有项目{0}。",
        T::RjInvalidAgendaParent => "项目{0}不能设分项目。",
        T::RjInvalidText => "“{0}”栏为空或超过{1}个字符。",
        T::RjListClosed => "项目{0}的发言名单已截止；仍可行使答辩权。",
        T::RjAlreadyInscribed => "{0}在本项目下已有{1}次发言在等候；主席可允许更多发言。",
        T::RjReplyLimitReached => "{0}已在本项目下用完{1}次答辩权。",
        T::RjAlreadyRaised => "该代表团已有同类请求在等候（条目{0}）。",
        T::RjNgoInscribedByChair => "非政府组织经主席允许方可发言：请请求秘书处为您登记。",
        T::RjFloorOccupied => "条目{0}正在发言；请先结束该发言。",
        T::RjAlreadyPaused => "发言计时已处于暂停状态。",
        T::RjNotPaused => "发言计时正在进行。",
        T::RjInterventionPending => "必须先听取一项程序问题或动议（条目{0}）。",
        T::RjRulingPending => "请先就条目{0}作出裁决。",
        T::RjNobodyWaiting => "无人等候发言。",
        T::RjNotMovable => "条目{0}不能移动。",
        T::RjNothingToRule => "条目{0}不是等待裁决的程序问题或动议。",
        T::RjListAlreadyThere => "项目{0}的发言名单已处于该状态。",
        T::RjUnknownProposal => "会议面前没有提案{0}。",
        T::RjAlreadyDecided => "已就提案{0}作出决定。",
        T::RjUnknownVote => "没有表决{0}。",
        T::RjVoteInProgress => "表决{0}正在进行；只有关于表决进行方式的程序问题方可打断表决。",
        T::RjVoteNotOpen => "表决{0}未在进行。",
        T::RjNoQuorum => "未达到法定人数：出席成员{0}名，需要{1}名。",
        T::RjNotAMember => "{0}不是委员会成员：只有成员可以投票。",
        T::RjAlreadyVoted => "{0}已投票。",
        T::RjNotYourTurn => "正在唱名{0}；请在唱到贵代表团时作答。",
        T::RjEveryoneCalled => "所有成员均已被唱名。",
        T::RjRollCallIncomplete => "还有{0}名成员尚未被唱名。",
        T::RjInvalidChoice => "该选项不适用于本次表决。",
        T::RjCountsRequired => "举手表决需要计票结果：赞成、反对和弃权。",
        T::RjCountsNotAllowed => "本次表决自动计票；只有举手表决才需输入计票结果。",
        T::RjCountsExceedMembers => "计票总数超过成员总数（{0}名）。",
        T::RjCountsExceedPresent => "计票总数超过出席成员数（{0}名）。",
        T::RjNothingToAppeal => "条目{0}没有可以提出申诉的裁决。",
        T::RjNoMoreSpeakersForMotion => "议事规则允许{0}名发言者赞成动议{1}，不能再多。",
        T::RjNoMoreSpeakersAgainstMotion => "议事规则允许{0}名发言者反对动议{1}，不能再多。",
        T::RjReplyReservedToStates => "议事规则规定答辩权仅限于国家。",
        T::RjInvalidCandidates => "选举至少需要一名候选人，且每名候选人只能列出一次。",
        T::RjSponsorCannotExplain => {
            "提案国不得就其本身的提案作解释投票的发言，除非该提案已被修正（提案{0}）。"
        }
        T::RjNotARollCall => "表决{0}不是唱名表决。",
        T::RjCountedByChair => "表决{0}为举手表决：由主席计票。",
        T::RjDuplicateSymbol => "文号为{0}的文件已经印发。",
        T::RjMissingOriginal => "{0}所指的{1}尚未印发。",
        T::RjUnknownDocument => "没有文件{0}。",
        T::RjInvalidFiles => "文件有误：{0}。",
        T::RjNotAState => "{0}不是国家：只有国家可以提出决议草案。",
        T::RjNotADraft => "文件{0}不是决议草案：只有决议草案才有提案国。",
        T::RjSponsorshipClosed => "文件{0}的提案国名单已截止。",
        T::RjAlreadySponsor => "贵代表团已是文件{0}的提案国。",
        T::RjNotASponsor => "贵代表团不是文件{0}的提案国。",
        T::RjUnknownChannel => "没有{0}口译频道。",
        T::RjNotAnInterpreter => "与会者{0}不是口译员。",
        T::RjNotInBooth => "您不在{0}译员箱。",
        T::RjMicrophoneNotLive => "您的麦克风不是{0}译员箱当前开启的麦克风。",
        T::RjSlowDownJustAsked => "{0}译员箱刚刚已请发言者放慢语速；主席已收到该请求。",
        // refusals: commands, as the verb of "may not ..." / "it is not possible to ..." (wire names)
        T::CmdOpenMeeting => "宣布开会",
        T::CmdSuspendMeeting => "暂停会议",
        T::CmdResumeMeeting => "复会",
        T::CmdCloseMeeting => "宣布散会",
        T::CmdAddAgendaItem => "添加议程项目",
        T::CmdTakeUpItem => "开始审议议程项目",
        T::CmdCheckIn => "登记出席",
        T::CmdRecordAttendance => "记录代表团出席情况",
        T::CmdRequestFloor => "请求发言",
        T::CmdInscribeSpeaker => "登记发言者",
        T::CmdWithdrawEntry => "撤回发言请求",
        T::CmdMoveEntry => "调整名单中条目的位置",
        T::CmdAnnounceListClosing => "宣布发言名单即将截止",
        T::CmdCloseList => "截止发言名单",
        T::CmdReopenList => "重新开放发言名单",
        T::CmdRaisePointOfOrder => "提出程序问题",
        T::CmdRaiseMotion => "提出程序动议",
        T::CmdRequestRightOfReply => "请求行使答辩权",
        T::CmdNextSpeaker => "请下一位发言者发言",
        T::CmdGiveFloor => "准予发言",
        T::CmdPauseSpeech => "暂停发言计时",
        T::CmdResumeSpeech => "恢复发言计时",
        T::CmdEndSpeech => "结束发言",
        T::CmdRule => "就程序问题或动议作出裁决",
        T::CmdAssignInterpreter => "为译员箱指派口译员",
        T::CmdTakeMicrophone => "开启译员箱麦克风",
        T::CmdReleaseMicrophone => "关闭译员箱麦克风",
        T::CmdAskToSlowDown => "请发言者放慢语速",
        T::CmdTableProposal => "提交提案",
        T::CmdAmendProposal => "记录对提案的修正",
        T::CmdAdoptWithoutVote => "不经表决通过提案",
        T::CmdOpenVote => "开始表决",
        T::CmdCastVote => "投票",
        T::CmdPassMember => "跳过被唱名的成员",
        T::CmdCloseVote => "结束表决",
        T::CmdPublish => "印发文件",
        T::CmdAddFiles => "为文件添加语文版本",
        T::CmdSignOn => "成为决议草案的提案国",
        T::CmdSignOff => "退出提案国行列",
        T::CmdCloseSponsorship => "截止提案国名单",
        // refusals: text fields (`InvalidText`) and file problems (`InvalidFiles`)
        T::FieldRuling => "裁决",
        T::FieldGroup => "集团",
        T::FieldReference => "文号",
        T::FieldAgendaItem => "议程项目",
        T::FilesNoLanguage => "至少需要一个语文版本",
        T::FilesOnePerLanguage => "每种语文只能有一个文件",
        T::FilesContentId => "文件须以上传时返回的内容标识符指明",
        T::FilesDistribution => "限制分发须至少指明一个代表团",
        T::FilesNotUploaded => "本届会议未上传文件{0}",
        // --- the chair's console at plenary size and the delegate's place (issue 11)
        T::ListCount => "{0} 位等候发言 · 约 {1}",
        T::YourPlace => "您在发言顺序中排第 {0} 位，在{1}之后。",
        T::YouAreNext => "下一位发言者是您。",
        T::GetReady => "请准备：即将轮到您发言。",
        T::RequestsFloorNow => "现在请求发言",
        T::SoundAlerts => "程序问题和动议时发出提示音",
        T::InscribeDelegation => "登记代表团",
        T::NoSuchDelegation => "没有名为“{0}”的代表团。",
        T::ChooseDelegation => "请输入或选择代表团。",
        T::ChannelLive => "{0} — 正在传译",
        T::SelfCheck => "检查您的麦克风和摄像头",
        T::SelfCheckHint => "此检查只有您能看到和听到；在您获得发言权之前，不会发送任何内容。",
        T::SelfView => "您的摄像头",
        T::MicLevel => "麦克风音量",
        T::StartCheck => "开始检查",
        T::StopCheck => "结束检查",
        T::NoMicrophone => "此页面无法使用麦克风：请在浏览器中允许后重新加载。",
        // rules of procedure: leaving a meeting, proposals withdrawn, votes asked for, reconsideration, budget implications (issue 12)
        T::RjNotCheckedIn => "与会者{0}未在本次会议登记出席。",
        T::RjNotPresent => "{0}未出席：只有出席的成员才能投票。",
        T::RjNotProposalSponsor => "只有提案{0}的提案国才能撤回该提案。",
        T::RjAmendedProposal => "提案{0}已经修正，不能再撤回。",
        T::RjProposalWithdrawn => "提案{0}已撤回。",
        T::RjVoteAskedFor => "{0}要求对提案{1}进行表决：该提案须付诸表决。",
        T::RjNotDecided => "尚未就提案{0}作出决定，没有可以复议的内容。",
        T::RjMotionNamesProposal => "复议动议和分开表决动议须指明所涉提案。",
        T::RjDecidedByVote => {
            "动议{0}须由出席并参加表决的成员三分之二多数表决决定，而非由主席裁决。"
        }
        T::RjBudgetImplicationsPending => "秘书处尚未说明提案{0}所涉方案预算问题。",
        T::CmdCheckOut => "登记离开会议",
        T::CmdRecordDeparture => "登记与会者离开",
        T::CmdWithdrawProposal => "撤回提案",
        T::CmdRequestVote => "要求对提案进行表决",
        T::CmdMoveReconsideration => "动议复议提案",
        T::CmdStateBudgetImplications => "说明提案所涉方案预算问题",
        T::FieldStatement => "说明",
        T::FieldDocument => "文件",
        T::RjAmendsAnAmendment => "提案{0}本身是一项修正案；请修正其所修正的提案。",
        T::RjAmendmentsFirst => "须先就提案{1}的修正案{0}作出决定。",
        T::RjAmendmentOutOfOrder => "按照表决顺序，须先就修正案{0}作出决定，然后才是修正案{1}。",
        T::RjInvalidVotingOrder => "表决顺序须将提案{0}的每项修正案各列一次。",
        T::CmdSetVotingOrder => "确定修正案的表决顺序",
        T::CmdReviseOrally => "记录对提案的口头订正",
        T::FieldText => "案文",
        T::RjInvalidDivision => {
            "不能如此分开表决提案{0}：须指明尚未分开的提案的两个或更多部分，每部分1至300个字符。"
        }
        T::RjPartsFirst => "须先就提案{1}的第{0}部分作出决定。",
        T::CmdMoveDivision => "动议对提案分开表决",
        T::CmdHearOnMotion => "请一位发言者就动议发言",
        T::CmdPutToVote => "将动议或异议付诸表决",
        T::CmdAppealRuling => "对主席的裁决提出异议",
        // a high-level segment (ui/common.rs, ui/chair.rs)
        T::RankHead => "国家元首或政府首脑",
        T::RankMinister => "部长",
        T::RankViceMinister => "副部长",
        T::RankOther => "其他代表",
        T::RankUnset => "未注明级别",
        T::RankLabel => "发言者级别",
        T::HighLevelSegment => "高级别会议：发言者按级别排序",
        T::CmdSetItemRules => "设定议程项目的规则",
        T::CmdSetSpeakerRank => "登记发言者级别",
        T::RjNotAStatement => "登记{0}不是等待中的发言；只有发言者才有级别。",
        T::RjInvalidTimeLimit => "时限“{0}”须在10秒至1小时之间；现为{1}秒。",
        T::RoomTitle => "在会议室内的代表团",
        T::RoomHint => "会议室内的代表举起国名牌或口头答复时，请在此输入其请求：该请求按代表团本身的请求处理，记录将注明是在会议室内提出的。",
        T::RoomVote => "其投票：{0}",
        T::RoomSecretBallot => "无记名投票由每一成员自行投票。",
        T::RoomDone => "已代表{0}提交：{1}。",
        T::MotionLabel => "程序动议",
        T::MoveMotion => "提出动议",
        T::CmdActForDelegation => "代表会议室内的代表团行事",
        T::RjNotForTheRoom => "秘书处不能代表会议室内的代表团{0}。",
        T::RjSecretBallotNotInTheRoom => "表决{0}为无记名投票：每一成员自行投票；秘书处不能代表代表团投票。",
        T::VtSeats => "待填补席位",
        T::VtMarkUpTo => "最多选择{0}名候选人，然后投出选票。",
        T::VtCastBallot => "投出选票",
        T::VtPlacesLeft => "尚有{0}个席位待填补",
        T::VtBallotNumber => "第{0}轮，限制性投票",
        T::VtDrawnByLot => "抽签决定：{0}",
        T::VtNextBallot => "开始下一轮投票",
        T::VtAcclaim => "以鼓掌方式选举",
        T::VtElectedByAcclamation => "以鼓掌方式当选：{0}",
        T::CmdOpenNextBallot => "开始选举的下一轮投票",
        T::CmdElectByAcclamation => "宣布候选人以鼓掌方式当选",
        T::RjInvalidSeats => "选举填补的席位数须在1个与候选人数（{1}）之间；无法填补{0}个席位。",
        T::RjNoBallotToFollow => "关于提案{0}的选举没有需要下一轮的投票：请开始表决。",
        T::RjElectionUnderWay => "关于提案{0}的选举在第{1}次投票后继续：请开始下一轮投票，限于得票最多者。",
        T::AgendaProvisional => "临时议程",
        T::AgendaAdoptedLabel => "议程（已通过）",
        T::AdoptAgenda => "通过议程",
        T::EditItem => "修改",
        T::SaveItem => "保存",
        T::CancelEdit => "取消",
        T::MoveItemUp => "上移",
        T::MoveItemDown => "下移",
        T::ContinueFromLabel => "继续此前的一次会议（其议程和发言名单）",
        T::ContinueFromButton => "继续",
        T::ContinuesMeeting => "续会：{0}",
        T::CmdEditAgendaItem => "更正议程项目",
        T::CmdMoveAgendaItem => "重新排列议程",
        T::CmdAdoptAgenda => "通过议程",
        T::CmdContinueFrom => "继续此前的会议",
        T::RjInvalidAgendaPlace => "项目{0}不能排在项目{1}之后：只能在同级项目之间移动。",
        T::RjAgendaAdoptedAlready => "议程已经通过。",
        T::RjAgendaEmpty => "议程中没有可通过的项目。",
        T::RjAgendaNotEmpty => "本次会议已开始其自身议程；只能在此之前继续此前的会议。",
        T::RjNotAnEarlierMeeting => "会议{0}不是本届会议的另一次会议。",
        T::TakeFloorMicrophone => "从本设备代表代表团发言",
        T::ColleagueSpeaks => "贵代表团有发言权；正在使用一位同事的麦克风。",
        T::CmdPassFloorMicrophone => "转交代表团的麦克风",
        T::RjNotYourFloor => "发言权不属于贵代表团，无法转交：属于其他代表团、无人发言，或发言者在会议室内。",
        // decisions and votes (ui/votes.rs): the chair's decisions, the voting panel, the vote board
        T::VtDecisions => "决定",
        T::VtProposals => "会议面前的提案",
        T::VtNoProposals => "尚未提交任何提案。",
        T::VtTableHeading => "提交提案",
        T::VtReference => "文件编号或参考",
        T::VtTitle => "标题",
        T::VtSponsors => "提案国",
        T::VtSubmitProposal => "提交提案",
        T::VtSponsoredBy => "提案国：{0}",
        T::VtUndecided => "尚未作出决定",
        T::VtAdoptedWithoutVote => "未经表决获得通过",
        T::VtAdoptWithoutVote => "未经表决予以通过",
        T::VtOpenVoteHeading => "将提案付诸表决",
        T::VtProposal => "提案",
        T::VtMethod => "表决方式",
        T::VtMajority => "所需多数",
        T::VtCandidates => "候选人，每行一名",
        T::VtOpenVote => "开始表决",
        T::VtShowOfHands => "举手表决",
        T::VtRecorded => "记录表决",
        T::VtRollCall => "唱名表决",
        T::VtSecretBallot => "无记名投票",
        T::VtMajoritySimple => "出席并参加表决的成员的过半数",
        T::VtMajorityTwoThirds => "出席并参加表决的成员的三分之二多数",
        T::VtMajorityTwoThirdsMembers => "委员会成员的三分之二",
        T::VtMotionSuspend => "暂停会议",
        T::VtMotionAdjourn => "休会",
        T::VtMotionAdjournDebate => "暂停辩论",
        T::VtMotionCloseDebate => "结束辩论",
        T::VtMotionReconsider => "复议提案",
        T::VtMotionDivision => "分开表决提案",
        T::VtRejectedInParts => "被否决：各部分均被否决",
        T::VtSubjectMotion => "关于{0}的动议",
        T::VtSubjectAppeal => "对主席的裁决提出异议",
        T::VtMotionBy => "{0}：关于{1}的动议",
        T::VtAppealBy => "{0}：对主席的裁决提出异议",
        T::VtAwaitingDecision => "待作决定",
        T::VtPutToVote => "付诸表决",
        T::VtVoteOpen => "表决正在进行",
        T::VtVotedCount => "{1}个成员中已有{0}个投票",
        T::VtHaveVoted => "已投票：{0}",
        T::VtNobodyVotedYet => "尚无成员投票。",
        T::VtCalled => "正在唱名：{0}",
        T::VtCalledAgain => "第二次唱名：{0}",
        T::VtPass => "未应答：跳过",
        T::VtCloseVote => "结束表决并宣布结果",
        T::VtInFavour => "赞成",
        T::VtAgainst => "反对",
        T::VtAbstentions => "弃权",
        T::VtRequiredMajority => "所需多数",
        T::VtPresentAndVoting => "出席并参加表决的成员",
        T::VtAdopted => "通过",
        T::VtRejected => "未通过",
        T::VtElected => "当选：{0}",
        T::VtNotElected => "无候选人当选",
        T::VtVoid => "无效：将重新表决",
        T::VtAbsent => "缺席",
        T::VtVoting => "表决",
        T::VtNoVoteOpen => "目前没有进行中的表决。",
        T::VtYes => "赞成",
        T::VtNo => "反对",
        T::VtAbstain => "弃权",
        T::VtYouVoted => "您的投票已记录：{0}",
        T::VtVoteRecorded => "您的投票已记录。",
        T::VtBallotCast => "您的选票已投出。您的选择不会在任何地方记录。",
        T::VtObserversDoNotVote => "只有委员会成员参加表决。",
        T::VtYouAreCalled => "正在唱名贵代表团：请现在投票。",
        T::VtExplainBefore => "在就{0}进行表决前解释投票",
        T::VtExplainAfter => "在就{0}进行表决后解释投票",
        T::VtAppeal => "对主席的裁决提出异议",
        // secretariat's console (issue 11, item 2)
        T::ConsoleTitle => "秘书处控制台",
        T::ConsoleBooths => "口译箱",
        T::ConsoleNameTaken => "本届会已有另一个代表团使用该名称。",
        T::ConsoleFieldLength => "此栏不得为空，也不得过长。",
        T::ConsoleDelegationRequired => "代表须属于某一代表团：请选择代表团。",
        T::ConsoleUnknownDelegation => "该代表团不在本届会名单上。",
        T::ConsoleForbidden => "您的登录权限不允许此操作。",
        T::ConsoleControlCharacter => "文本含有不可见的控制字符，请重新输入。",
        T::ConsoleFileType => "此文件不是PDF、Word、Excel或纯文本文件，或为空文件。",
        T::ConsoleFileTooLarge => "此文件过大。",
        T::ConsoleOpenMeetingFirst => "请先打开一次会议。",
        T::ConsoleWholeNumber => "请输入整数。",
        T::ConsoleRuleTimeLimit => "{0}秒不可行：发言时限须在{1}秒至{2}秒之间。",
        T::ConsoleRuleWaiting => "一个代表团可有1至20个待发言。",
        T::ConsoleRuleReplies => "每个代表团每个项目最多行使10次答辩权。",
        T::ConsoleRuleMotionSpeakers => "对一项动议，每一方最多10名发言者。",
        T::ConsoleRuleZeroQuorum => "法定人数为零意味着任何人都可代表全体作出决定。",
        T::ConsoleLimitState => "国家（以本国身份），秒",
        T::ConsoleLimitGroup => "代表一个集团，秒",
        T::ConsoleLimitOrganization => "组织或联合国实体，秒",
        T::ConsoleLimitNgo => "非政府组织，秒",
        T::ConsoleLimitFirstReply => "第一次答辩，秒",
        T::ConsoleLimitSecondReply => "第二次答辩，秒",
        T::ConsoleTimeLimits => "按发言者类别划分的发言时限",
        T::ConsoleRulesOther => "法定人数和发言名单",
        T::ConsoleQuorum => "法定人数，出席成员数（留空：成员过半数）",
        T::ConsoleWaitingStatements => "一个代表团在一个项目下可等待的发言数",
        T::ConsoleRepliesPerItem => "每个代表团每个项目的答辩次数",
        T::ConsoleRepliesTaken => "答辩权的行使时间",
        T::ConsoleEndOfItem => "在项目结束时",
        T::ConsoleEndOfDay => "在当天结束时",
        T::ConsoleReplyFor => "谁可行使答辩权",
        T::ConsoleReplyStates => "国家",
        T::ConsoleReplyAll => "所有代表团",
        T::ConsoleAdjournSpeakers => "赞成和反对暂停辩论的发言者人数",
        T::ConsoleClosureSpeakers => "反对结束辩论的发言者人数",
        T::ConsoleReconsiderationSpeakers => "反对复议提案的发言者人数",
        T::ConsoleDivisionSpeakers => "赞成和反对分开表决提案的发言者人数",
        T::ConsoleNgoSelf => "非政府组织可自行登记发言",
        T::ConsoleRecordingsForParticipants => "与会者可下载录音",
        T::ConsoleChannels => "口译频道（语言代码）",
        T::ConsoleNoSession => "尚无届会：请创建第一届会议。",
        T::ConsoleCurrentSession => "正在筹备的届会",
        T::ConsoleNewSession => "新届会",
        T::ConsoleBodySymbol => "机构文号（E/CN.7或E/CN.15）",
        T::ConsoleCreateSession => "创建届会",
        T::ConsoleSessionRules => "届会规则",
        T::ConsoleSaveRules => "保存规则",
        T::ConsoleSaved => "已保存。",
        T::ConsoleDelegationCount => "名单上有{0}个代表团",
        T::ConsoleEdit => "编辑",
        T::ConsoleSave => "保存",
        T::ConsoleCancel => "取消",
        T::ConsoleCopyCode => "复制邀请码",
        T::ConsoleCopyLink => "复制链接",
        T::ConsoleCopied => "已复制。",
        T::ConsoleNotCopied => "无法复制，请直接选择文本。",
        T::ConsoleRevoke => "撤销",
        T::ConsoleConfirmRevoke => "是，撤销",
        T::ConsoleRevoked => "已撤销",
        T::ConsoleFormat => "形式",
        T::ConsoleFormatHybrid => "混合",
        T::ConsoleFormatInPerson => "现场",
        T::ConsoleFormatOnline => "在线",
        T::ConsoleFormatPodium => "仅主席台在会场",
        T::ConsoleSubItemOf => "以下项目的分项",
        T::ConsoleChooseDelegation => "请选择代表团。",
        T::ConsoleChooseInterpreter => "请选择口译员。",
        T::ConsoleInterpreters => "口译员",
        T::ConsoleLiveMic => "开启的话筒",
        T::ConsoleNobodyAssigned => "未分配人员",
        T::ConsoleAssign => "分配到译员箱",
        T::SymPartBody => "委员会（麻委会为E/CN.7，预防犯罪委员会为E/CN.15）",
        T::SymPartYear => "年份",
        T::SymPartDocNumber => "文件编号",
        T::SymPartNumberAfter => "“{0}”之后的编号",
        T::SymEmpty => "请输入文件文号。",
        T::SymTooLong => "文号过长（最多{0}个字符）。",
        T::SymSpace => "第{0}个字符是空格；文号中不含空格。",
        T::SymCharacter => {
            "“{0}”（第{1}个字符）不能用于文号：只能使用拉丁字母、数字、“.”、“/”和末尾的“*”。"
        }
        T::SymReissue => "重印标记“*”只能位于末尾，最多两个。",
        T::SymSlash => "“/”位置有误：位于开头、末尾或连续出现两次。",
        T::SymBody => "“{0}”不是经社理事会职司委员会：文号应以“E/CN.7/”或“E/CN.15/”开头。",
        T::SymWrite => "“{0}”应写作“{1}”。",
        T::SymMissing => "缺少{0}。",
        T::SymNumber => "{0}应为数字，现为“{1}”。",
        T::SymZero => "{0}不能为0，编号从1开始。",
        T::SymTooLarge => "{0}“{1}”过大。",
        T::SymYear => "年份“{0}”不可行：应为1978至2100年之间的四位数。",
        T::SymSeries => "年份之后应为编号、“L.n”、“CRP.n”、“INF/n”或“NGO/n”，而不是“{0}”。",
        T::SymSuffix => "编号之后只能是“/Rev.n”、“/Add.n”或“/Corr.n”，而不是“{0}”。",
        T::SymDuplicate => "“{0}”和“{1}”不能同时出现：只写“{1}”。",
        T::SymAfterCorr => "“{0}”不能位于更正之后：“/Corr.n”总是位于最后。",
        T::SymRevises => "文号有效：{0}的订正本。",
        T::SymCorrects => "文号有效：{0}的更正。",
        T::SymAddsTo => "文号有效：{0}的增编。",
        T::SymNewDocument => "文号有效：新文件。",
        T::DocDraftResolution => "决议草案",
        T::DocConferenceRoomPaper => "会议室文件",
        T::DocInformation => "资料文件",
        T::DocNgoStatement => "非政府组织的声明",
        T::DocReport => "报告",
        T::DocOther => "其他文件",
        T::DocAdvanceUnedited => "未经编辑的预发本",
        T::DocFinal => "最终（经编辑）版本",
        T::DistGeneral => "普遍：所有人，包括网播观众",
        T::DistLimited => "限制：本届会的所有与会者",
        T::DistMembers => "仅限委员会成员",
        T::DistDelegations => "以下所列代表团",
        T::ConsoleStillUploading => "仍有文件正在上传，请在上传完成后发布。",
        T::ConsolePublishTitle => "发布文件",
        T::ConsoleSymbol => "文号",
        T::ConsoleDocStatus => "版本",
        T::ConsoleDistribution => "分发（谁可查看）",
        T::ConsoleDocAgenda => "议程项目（例如5、5(a)）",
        T::ConsoleMainSponsor => "主要提案国",
        T::ConsoleFiles => "每种语文一个文件",
        T::ConsoleUploading => "正在上传…",
        T::ConsoleUploaded => "已上传（{0} KB）",
        T::ConsolePublish => "发布",
        T::ConsoleRegister => "文件登记册及各文号的历史",
        T::ConsoleReplacedBy => "已由{0}取代",
        T::ConsoleRevise => "订正",
        T::ConsoleCorrigendum => "更正",
        T::ConsoleAddendum => "增编",
        T::ConsoleNoParent => "（无：主要项目）",
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
        T::KindMember => "Член Комиссии",
        T::KindObserverState => "Государство-наблюдатель",
        T::KindIgo => "Межправительственная организация",
        T::KindUnEntity => "Подразделение Организации Объединенных Наций",
        T::KindNgo => "Неправительственная организация",
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
        // refusals: what was refused (the server's `Rejection`, rejections.rs)
        T::RjNotPermitted => "Участник с ролью «{0}» не может {1}.",
        T::RjNoDelegation => "Вы не представляете ни одну делегацию.",
        T::RjUnknownDelegation => "Делегации {0} нет в списке участников этой сессии.",
        T::RjNotInDelegation => "Участник {0} не входит в состав этой делегации ({1}).",
        T::RjUnknownAgendaItem => "Пункта {0} нет в повестке дня этого заседания.",
        T::RjNoCurrentItem => "Ни один пункт повестки дня не рассматривается; укажите пункт или сначала приступите к его рассмотрению.",
        T::RjUnknownEntry => "Запись {0} не ожидает предоставления слова.",
        T::RjNotYourEntry => "Запись {0} принадлежит другой делегации.",
        T::RjWrongMeetingStatus => "Заседание {0}; сейчас нельзя {1}.",
        T::RjDuplicateAgendaNumber => "В повестке дня уже есть пункт {0}.",
        T::RjInvalidAgendaParent => "Пункт {0} не может иметь подпунктов.",
        T::RjInvalidText => "Поле «{0}» не заполнено или превышает допустимую длину (символов: {1}).",
        T::RjListClosed => "Список ораторов по пункту {0} закрыт; право на ответ по-прежнему можно осуществить.",
        T::RjAlreadyInscribed => "{0}: число ожидающих выступлений по этому пункту уже достигло предела ({1}); Председатель может разрешить больше.",
        T::RjReplyLimitReached => "{0}: право на ответ по этому пункту уже использовано максимальное число раз ({1}).",
        T::RjAlreadyRaised => "У делегации уже есть такая ожидающая просьба (запись {0}).",
        T::RjNgoInscribedByChair => "Неправительственные организации выступают с разрешения Председателя: попросите Секретариат записать вас.",
        T::RjFloorOccupied => "Слово предоставлено по записи {0}; сначала завершите это выступление.",
        T::RjAlreadyPaused => "Отсчет времени оратора уже приостановлен.",
        T::RjNotPaused => "Отсчет времени оратора идет.",
        T::RjInterventionPending => "Сначала необходимо заслушать выступление по порядку ведения заседания или процедурное предложение (запись {0}).",
        T::RjRulingPending => "Сначала вынесите решение по записи {0}.",
        T::RjNobodyWaiting => "Никто не ожидает предоставления слова.",
        T::RjNotMovable => "Запись {0} нельзя переместить.",
        T::RjNothingToRule => "Запись {0} не является ожидающим решения выступлением по порядку ведения заседания или процедурным предложением.",
        T::RjListAlreadyThere => "Список по пункту {0} уже находится в этом состоянии.",
        T::RjUnknownProposal => "Заседанию не представлено предложение {0}.",
        T::RjAlreadyDecided => "По предложению {0} решение уже принято.",
        T::RjUnknownVote => "Голосования {0} не существует.",
        T::RjVoteInProgress => "Идет голосование {0}; прервать его можно только выступлением по порядку ведения заседания, касающимся проведения голосования.",
        T::RjVoteNotOpen => "Голосование {0} не открыто.",
        T::RjNoQuorum => "Кворума нет: присутствующих членов — {0}, требуется — {1}.",
        T::RjNotAMember => "{0}: не является членом комиссии; голосуют только члены.",
        T::RjAlreadyVoted => "{0}: голос уже подан.",
        T::RjNotYourTurn => "Сейчас вызывается: {0}; ответьте, когда будет вызвана ваша делегация.",
        T::RjEveryoneCalled => "Вызваны все члены.",
        T::RjRollCallIncomplete => "Еще не вызваны члены (осталось: {0}).",
        T::RjInvalidChoice => "Этот вариант не подходит для данного голосования.",
        T::RjCountsRequired => "Для голосования поднятием рук нужны результаты подсчета: «за», «против» и «воздержались».",
        T::RjCountsNotAllowed => "Подсчет голосов в этом голосовании ведется автоматически; результаты вводятся только при голосовании поднятием рук.",
        T::RjCountsExceedMembers => "Сумма голосов превышает число членов ({0}).",
        T::RjCountsExceedPresent => "Сумма голосов превышает число присутствующих членов ({0}).",
        T::RjNothingToAppeal => "По записи {0} нет решения, которое можно обжаловать.",
        T::RjNoMoreSpeakersForMotion => "Правила допускают {0} ораторов в поддержку предложения {1}, не больше.",
        T::RjNoMoreSpeakersAgainstMotion => "Правила допускают {0} ораторов против предложения {1}, не больше.",
        T::RjReplyReservedToStates => "Правила предоставляют право на ответ только государствам.",
        T::RjInvalidCandidates => "Для выборов нужен хотя бы один кандидат, и каждый указывается только один раз.",
        T::RjSponsorCannotExplain => "Авторы предложения не выступают с объяснением мотивов голосования по нему, если оно не было изменено (предложение {0}).",
        T::RjNotARollCall => "Голосование {0} не является поименным.",
        T::RjCountedByChair => "Голосование {0} проводится поднятием рук: голоса подсчитывает Председатель.",
        T::RjDuplicateSymbol => "Документ {0} уже опубликован.",
        T::RjMissingOriginal => "{0} ссылается на документ {1}, который не опубликован.",
        T::RjUnknownDocument => "Документа {0} не существует.",
        T::RjInvalidFiles => "Файлы не подходят: {0}.",
        T::RjNotAState => "{0}: не является государством; авторами проектов резолюций могут быть только государства.",
        T::RjNotADraft => "Документ {0} не является проектом резолюции: авторы бывают только у проектов.",
        T::RjSponsorshipClosed => "Список авторов документа {0} закрыт.",
        T::RjAlreadySponsor => "Ваша делегация уже является соавтором документа {0}.",
        T::RjNotASponsor => "Ваша делегация не является соавтором документа {0}.",
        T::RjUnknownChannel => "Канала устного перевода {0} нет.",
        T::RjNotAnInterpreter => "Участник {0} не является устным переводчиком.",
        T::RjNotInBooth => "Вы не работаете в кабине {0}.",
        T::RjMicrophoneNotLive => "Ваш микрофон не является включенным микрофоном кабины {0}.",
        T::RjSlowDownJustAsked => "Кабина {0} только что попросила оратора говорить медленнее; Председатель уже в курсе.",
        // refusals: commands, as the verb of "may not ..." / "it is not possible to ..." (wire names)
        T::CmdOpenMeeting => "открыть заседание",
        T::CmdSuspendMeeting => "прервать заседание",
        T::CmdResumeMeeting => "возобновить заседание",
        T::CmdCloseMeeting => "закрыть заседание",
        T::CmdAddAgendaItem => "добавить пункт в повестку дня",
        T::CmdTakeUpItem => "приступить к рассмотрению пункта повестки дня",
        T::CmdCheckIn => "зарегистрировать присутствие",
        T::CmdRecordAttendance => "отметить присутствие делегации",
        T::CmdRequestFloor => "попросить слова",
        T::CmdInscribeSpeaker => "записать оратора",
        T::CmdWithdrawEntry => "снять просьбу о предоставлении слова",
        T::CmdMoveEntry => "переместить запись в списке",
        T::CmdAnnounceListClosing => "объявить о закрытии списка ораторов",
        T::CmdCloseList => "закрыть список ораторов",
        T::CmdReopenList => "вновь открыть список ораторов",
        T::CmdRaisePointOfOrder => "выступить по порядку ведения заседания",
        T::CmdRaiseMotion => "внести процедурное предложение",
        T::CmdRequestRightOfReply => "попросить слова в порядке осуществления права на ответ",
        T::CmdNextSpeaker => "предоставить слово следующему оратору",
        T::CmdGiveFloor => "предоставить слово",
        T::CmdPauseSpeech => "приостановить отсчет времени оратора",
        T::CmdResumeSpeech => "возобновить отсчет времени оратора",
        T::CmdEndSpeech => "завершить выступление",
        T::CmdRule => "вынести решение по выступлению по порядку ведения заседания или процедурному предложению",
        T::CmdAssignInterpreter => "закрепить устного переводчика за кабиной",
        T::CmdTakeMicrophone => "включить микрофон кабины",
        T::CmdReleaseMicrophone => "выключить микрофон кабины",
        T::CmdAskToSlowDown => "попросить оратора говорить медленнее",
        T::CmdTableProposal => "внести предложение",
        T::CmdAmendProposal => "зафиксировать изменение предложения",
        T::CmdAdoptWithoutVote => "принять предложение без голосования",
        T::CmdOpenVote => "открыть голосование",
        T::CmdCastVote => "проголосовать",
        T::CmdPassMember => "пропустить вызванного члена",
        T::CmdCloseVote => "завершить голосование",
        T::CmdPublish => "опубликовать документ",
        T::CmdAddFiles => "добавить языковые версии документа",
        T::CmdSignOn => "присоединиться к авторам проекта резолюции",
        T::CmdSignOff => "выйти из числа авторов",
        T::CmdCloseSponsorship => "закрыть список авторов",
        // refusals: text fields (`InvalidText`) and file problems (`InvalidFiles`)
        T::FieldRuling => "Решение",
        T::FieldGroup => "Группа",
        T::FieldReference => "Условное обозначение",
        T::FieldAgendaItem => "Пункт повестки дня",
        T::FilesNoLanguage => "нужна хотя бы одна языковая версия",
        T::FilesOnePerLanguage => "по одному файлу на каждый язык",
        T::FilesContentId => "файл указывается идентификатором содержимого, полученным при его загрузке",
        T::FilesDistribution => "при ограниченном распространении нужно указать хотя бы одну делегацию",
        T::FilesNotUploaded => "файл {0} не был загружен для этой сессии",
    // --- the chair's console at plenary size and the delegate's place (issue 11)
        T::ListCount => "Ожидают: {0} · примерно {1}",
        T::YourPlace => "Вы {0}-й в очереди выступающих, после {1}.",
        T::YouAreNext => "Вы выступаете следующим.",
        T::GetReady => "Приготовьтесь: ваша очередь подходит.",
        T::RequestsFloorNow => "Просит слова сейчас",
        T::SoundAlerts => "Звуковой сигнал при выступлениях по порядку ведения заседания и предложениях",
        T::InscribeDelegation => "Записать делегацию",
        T::NoSuchDelegation => "Делегации с названием «{0}» нет.",
        T::ChooseDelegation => "Введите или выберите делегацию.",
        T::ChannelLive => "{0} — в эфире",
        T::SelfCheck => "Проверьте микрофон и камеру",
        T::SelfCheckHint => "Эту проверку видите и слышите только вы; ничего не передаётся, пока вам не предоставлено слово.",
        T::SelfView => "Ваша камера",
        T::MicLevel => "Уровень микрофона",
        T::StartCheck => "Начать проверку",
        T::StopCheck => "Завершить проверку",
        T::NoMicrophone => "У этой страницы нет доступа к микрофону: разрешите его в браузере и перезагрузите страницу.",
        // rules of procedure: leaving a meeting, proposals withdrawn, votes asked for, reconsideration, budget implications (issue 12)
        T::RjNotCheckedIn => "Участник {0} не зарегистрировался на этом заседании.",
        T::RjNotPresent => "{0}: не присутствует, а голосуют только присутствующие члены.",
        T::RjNotProposalSponsor => "Снять предложение {0} могут только его авторы.",
        T::RjAmendedProposal => "В предложение {0} внесены поправки; его больше нельзя снять.",
        T::RjProposalWithdrawn => "Предложение {0} снято.",
        T::RjVoteAskedFor => "{0}: запрошено голосование по предложению {1}, и оно ставится на голосование.",
        T::RjNotDecided => "Решение по предложению {0} еще не принято; пересматривать нечего.",
        T::RjMotionNamesProposal => "В предложении о пересмотре или о раздельном голосовании должно быть указано соответствующее предложение.",
        T::RjDecidedByVote => "Предложение {0} решается голосованием большинством в две трети присутствующих и участвующих в голосовании членов, а не постановлением Председателя.",
        T::RjBudgetImplicationsPending => "Секретариат еще не представил заявление о последствиях предложения {0} для бюджета по программам.",
        T::CmdCheckOut => "отметить уход с заседания",
        T::CmdRecordDeparture => "зафиксировать уход участника",
        T::CmdWithdrawProposal => "снять предложение",
        T::CmdRequestVote => "потребовать голосования по предложению",
        T::CmdMoveReconsideration => "внести предложение о пересмотре предложения",
        T::CmdStateBudgetImplications => "представить заявление о последствиях предложения для бюджета по программам",
        T::FieldStatement => "Заявление",
        T::FieldDocument => "Документ",
        T::RjAmendsAnAmendment => "Предложение {0} само является поправкой; вносите поправку в то предложение, к которому оно относится.",
        T::RjAmendmentsFirst => "Сначала должно быть принято решение по поправке {0} к предложению {1}.",
        T::RjAmendmentOutOfOrder => "В порядке голосования решение по поправке {0} принимается раньше, чем по поправке {1}.",
        T::RjInvalidVotingOrder => "В порядке голосования каждая поправка к предложению {0} должна быть указана один раз.",
        T::CmdSetVotingOrder => "установить порядок голосования по поправкам",
        T::CmdReviseOrally => "зафиксировать устное изменение предложения",
        T::FieldText => "Текст",
        T::RjInvalidDivision => "Предложение {0} нельзя разделить таким образом: укажите не менее двух частей, каждая длиной от 1 до 300 знаков, еще не разделенного предложения.",
        T::RjPartsFirst => "Сначала должно быть принято решение по части {0} предложения {1}.",
        T::CmdMoveDivision => "потребовать раздельного голосования по предложению",
        T::CmdHearOnMotion => "предоставить слово выступающему по предложению",
        T::CmdPutToVote => "поставить на голосование предложение или опротестование",
        T::CmdAppealRuling => "опротестовать постановление Председателя",
        // a high-level segment (ui/common.rs, ui/chair.rs)
        T::RankHead => "Глава государства или правительства",
        T::RankMinister => "Министр",
        T::RankViceMinister => "Заместитель министра",
        T::RankOther => "Другой представитель",
        T::RankUnset => "Ранг не указан",
        T::RankLabel => "Ранг выступающего",
        T::HighLevelSegment => "Этап высокого уровня: выступающие в порядке ранга",
        T::CmdSetItemRules => "установить правила пункта повестки дня",
        T::CmdSetSpeakerRank => "указать ранг выступающего",
        T::RjNotAStatement => "Запись {0} не является ожидающим выступлением; ранг есть только у выступающего с заявлением.",
        T::RjInvalidTimeLimit => "Регламент «{0}» должен составлять от 10 секунд до одного часа; сейчас {1} с.",
        T::RoomTitle => "Делегация в зале",
        T::RoomHint => "Когда представитель в зале поднимает табличку или отвечает устно, введите его просьбу здесь: она рассматривается как просьба самой делегации, а в отчете указывается, что она сделана в зале.",
        T::RoomVote => "Ее голос: {0}",
        T::RoomSecretBallot => "При тайном голосовании каждый член голосует сам.",
        T::RoomDone => "Передано от имени {0}: {1}.",
        T::MotionLabel => "Процедурное предложение",
        T::MoveMotion => "Внести предложение",
        T::CmdActForDelegation => "действовать от имени делегации в зале",
        T::RjNotForTheRoom => "Секретариат не может {0} от имени делегации в зале.",
        T::RjSecretBallotNotInTheRoom => "Голосование {0} тайное: каждый член голосует сам; секретариат не может голосовать от имени делегации.",
        T::VtSeats => "Вакансии",
        T::VtMarkUpTo => "Отметьте не более {0} кандидатов, затем опустите бюллетень.",
        T::VtCastBallot => "Опустить бюллетень",
        T::VtPlacesLeft => "Осталось заполнить мест: {0}",
        T::VtBallotNumber => "Тур {0}, ограниченный",
        T::VtDrawnByLot => "По жребию: {0}",
        T::VtNextBallot => "Открыть следующий тур",
        T::VtAcclaim => "Избрать путем аккламации",
        T::VtElectedByAcclamation => "Избраны путем аккламации: {0}",
        T::CmdOpenNextBallot => "открыть следующий тур выборов",
        T::CmdElectByAcclamation => "объявить кандидатов избранными путем аккламации",
        T::RjInvalidSeats => "На выборах заполняется от 1 места до числа кандидатов ({1}); заполнить {0} нельзя.",
        T::RjNoBallotToFollow => "Ни один тур выборов по предложению {0} не требует следующего: откройте голосование.",
        T::RjElectionUnderWay => "Выборы по предложению {0} продолжаются после голосования {1}: откройте следующий тур, ограниченный лучшими.",
        T::AgendaProvisional => "Предварительная повестка дня",
        T::AgendaAdoptedLabel => "Повестка дня (утверждена)",
        T::AdoptAgenda => "Утвердить повестку дня",
        T::EditItem => "Изменить",
        T::SaveItem => "Сохранить",
        T::CancelEdit => "Отмена",
        T::MoveItemUp => "Выше",
        T::MoveItemDown => "Ниже",
        T::ContinueFromLabel => "Продолжить предыдущее заседание (его повестку дня и списки ораторов)",
        T::ContinueFromButton => "Продолжить",
        T::ContinuesMeeting => "Продолжение: {0}",
        T::CmdEditAgendaItem => "исправить пункт повестки дня",
        T::CmdMoveAgendaItem => "изменить порядок пунктов повестки дня",
        T::CmdAdoptAgenda => "утвердить повестку дня",
        T::CmdContinueFrom => "продолжить предыдущее заседание",
        T::RjInvalidAgendaPlace => "Пункт {0} нельзя поставить после пункта {1}: только среди пунктов того же уровня.",
        T::RjAgendaAdoptedAlready => "Повестка дня уже утверждена.",
        T::RjAgendaEmpty => "В повестке дня нет пунктов для утверждения.",
        T::RjAgendaNotEmpty => "Это заседание уже начало собственную повестку дня; продолжить предыдущее заседание можно только до этого.",
        T::RjNotAnEarlierMeeting => "Заседание {0} не является другим заседанием этой сессии.",
        T::TakeFloorMicrophone => "Выступать от имени делегации с этого устройства",
        T::ColleagueSpeaks => "Слово у вашей делегации; включен микрофон коллеги.",
        T::CmdPassFloorMicrophone => "передать микрофон делегации",
        T::RjNotYourFloor => "Слово не у вашей делегации, передать его нельзя: оно у другой, ни у кого, или оратор в зале.",
        // decisions and votes (ui/votes.rs): the chair's decisions, the voting panel, the vote board
        T::VtDecisions => "Решения",
        T::VtProposals => "Предложения, находящиеся на рассмотрении заседания",
        T::VtNoProposals => "Предложения не вносились.",
        T::VtTableHeading => "Внести предложение",
        T::VtReference => "Условное обозначение документа или ссылка",
        T::VtTitle => "Название",
        T::VtSponsors => "Авторы",
        T::VtSubmitProposal => "Внести предложение",
        T::VtSponsoredBy => "Авторы: {0}",
        T::VtUndecided => "Решение еще не принято",
        T::VtAdoptedWithoutVote => "Принято без голосования",
        T::VtAdoptWithoutVote => "Принять без голосования",
        T::VtOpenVoteHeading => "Поставить предложение на голосование",
        T::VtProposal => "Предложение",
        T::VtMethod => "Способ голосования",
        T::VtMajority => "Требуемое большинство",
        T::VtCandidates => "Кандидаты, по одному в строке",
        T::VtOpenVote => "Начать голосование",
        T::VtShowOfHands => "Голосование поднятием рук",
        T::VtRecorded => "Заносимое в отчет голосование",
        T::VtRollCall => "Голосование поименно",
        T::VtSecretBallot => "Тайное голосование",
        T::VtMajoritySimple => "Большинство присутствующих и участвующих в голосовании членов",
        T::VtMajorityTwoThirds => "Большинство в две трети присутствующих и участвующих в голосовании членов",
        T::VtMajorityTwoThirdsMembers => "Две трети членов Комиссии",
        T::VtMotionSuspend => "прервать заседание",
        T::VtMotionAdjourn => "закрыть заседание",
        T::VtMotionAdjournDebate => "отложить прения",
        T::VtMotionCloseDebate => "прекратить прения",
        T::VtMotionReconsider => "пересмотр предложения",
        T::VtMotionDivision => "раздельное голосование по предложению",
        T::VtRejectedInParts => "Отклонено: все части отклонены",
        T::VtSubjectMotion => "Предложение {0}",
        T::VtSubjectAppeal => "Опротестование постановления Председателя",
        T::VtMotionBy => "{0}: предложение {1}",
        T::VtAppealBy => "{0}: опротестование постановления Председателя",
        T::VtAwaitingDecision => "Ожидают решения",
        T::VtPutToVote => "Поставить на голосование",
        T::VtVoteOpen => "Идет голосование",
        T::VtVotedCount => "Проголосовали {0} из {1} членов",
        T::VtHaveVoted => "Проголосовали: {0}",
        T::VtNobodyVotedYet => "Ни один член еще не проголосовал.",
        T::VtCalled => "Вызывается: {0}",
        T::VtCalledAgain => "Вызывается повторно: {0}",
        T::VtPass => "Нет ответа: пропустить",
        T::VtCloseVote => "Завершить голосование и объявить результат",
        T::VtInFavour => "За",
        T::VtAgainst => "Против",
        T::VtAbstentions => "Воздержались",
        T::VtRequiredMajority => "Требуемое большинство",
        T::VtPresentAndVoting => "Присутствующие и участвующие в голосовании члены",
        T::VtAdopted => "ПРИНЯТО",
        T::VtRejected => "ОТКЛОНЕНО",
        T::VtElected => "ИЗБРАН(А): {0}",
        T::VtNotElected => "НИ ОДИН КАНДИДАТ НЕ ИЗБРАН",
        T::VtVoid => "НЕДЕЙСТВИТЕЛЬНО: голосование будет проведено повторно",
        T::VtAbsent => "Отсутствует",
        T::VtVoting => "Голосование",
        T::VtNoVoteOpen => "Голосование не проводится.",
        T::VtYes => "За",
        T::VtNo => "Против",
        T::VtAbstain => "Воздержаться",
        T::VtYouVoted => "Ваш голос учтен: {0}",
        T::VtVoteRecorded => "Ваш голос учтен.",
        T::VtBallotCast => "Ваш бюллетень опущен. Ваш выбор нигде не записывается.",
        T::VtObserversDoNotVote => "Голосуют только члены Комиссии.",
        T::VtYouAreCalled => "Вызывается ваша делегация: проголосуйте сейчас.",
        T::VtExplainBefore => "Выступление по мотивам голосования до голосования по {0}",
        T::VtExplainAfter => "Выступление по мотивам голосования после голосования по {0}",
        T::VtAppeal => "Опротестовать постановление Председателя",
        // secretariat's console (issue 11, item 2)
        T::ConsoleTitle => "Пульт секретариата",
        T::ConsoleBooths => "Кабины устного перевода",
        T::ConsoleNameTaken => "Другая делегация этой сессии уже носит это название.",
        T::ConsoleFieldLength => "Это поле не должно быть пустым или слишком длинным.",
        T::ConsoleDelegationRequired => "Делегат входит в делегацию: выберите её.",
        T::ConsoleUnknownDelegation => "Этой делегации нет в списке данной сессии.",
        T::ConsoleForbidden => "Ваш вход в систему этого не позволяет.",
        T::ConsoleControlCharacter => "Текст содержит невидимый управляющий символ; введите его заново.",
        T::ConsoleFileType => "Этот файл не является документом PDF, Word, Excel или текстом либо пуст.",
        T::ConsoleFileTooLarge => "Этот файл слишком велик.",
        T::ConsoleOpenMeetingFirst => "Сначала откройте заседание.",
        T::ConsoleWholeNumber => "Введите целое число.",
        T::ConsoleRuleTimeLimit => "{0} с невозможно: регламент составляет от {1} до {2} с.",
        T::ConsoleRuleWaiting => "У делегации может быть от 1 до 20 ожидающих выступлений.",
        T::ConsoleRuleReplies => "Не более 10 прав на ответ на делегацию и пункт.",
        T::ConsoleRuleMotionSpeakers => "Не более 10 ораторов с каждой стороны по предложению.",
        T::ConsoleRuleZeroQuorum => "Кворум, равный нулю, позволил бы решать за всех без участников.",
        T::ConsoleLimitState => "Государство (в национальном качестве), секунды",
        T::ConsoleLimitGroup => "От имени группы, секунды",
        T::ConsoleLimitOrganization => "Организация или подразделение ООН, секунды",
        T::ConsoleLimitNgo => "Неправительственная организация, секунды",
        T::ConsoleLimitFirstReply => "Первое право на ответ, секунды",
        T::ConsoleLimitSecondReply => "Второе право на ответ, секунды",
        T::ConsoleTimeLimits => "Регламент по категориям ораторов",
        T::ConsoleRulesOther => "Кворум и список ораторов",
        T::ConsoleQuorum => "Кворум, присутствующие члены (пусто: большинство членов)",
        T::ConsoleWaitingStatements => "Число ожидающих выступлений делегации по пункту",
        T::ConsoleRepliesPerItem => "Права на ответ на делегацию и пункт",
        T::ConsoleRepliesTaken => "Право на ответ предоставляется",
        T::ConsoleEndOfItem => "в конце рассмотрения пункта",
        T::ConsoleEndOfDay => "в конце дня",
        T::ConsoleReplyFor => "Кто может воспользоваться правом на ответ",
        T::ConsoleReplyStates => "Государства",
        T::ConsoleReplyAll => "Все делегации",
        T::ConsoleAdjournSpeakers => "Ораторы за и против отсрочки прений",
        T::ConsoleClosureSpeakers => "Ораторы против прекращения прений",
        T::ConsoleReconsiderationSpeakers => "Ораторы против пересмотра предложения",
        T::ConsoleDivisionSpeakers => "Ораторы за и против раздельного голосования по предложению",
        T::ConsoleNgoSelf => "Неправительственные организации могут записываться сами",
        T::ConsoleRecordingsForParticipants => "Участники могут скачивать звукозаписи",
        T::ConsoleChannels => "Каналы устного перевода (коды языков)",
        T::ConsoleNoSession => "Сессий пока нет: создайте первую.",
        T::ConsoleCurrentSession => "Готовящаяся сессия",
        T::ConsoleNewSession => "Новая сессия",
        T::ConsoleBodySymbol => "Условное обозначение органа (E/CN.7 или E/CN.15)",
        T::ConsoleCreateSession => "Создать сессию",
        T::ConsoleSessionRules => "Правила сессии",
        T::ConsoleSaveRules => "Сохранить правила",
        T::ConsoleSaved => "Сохранено.",
        T::ConsoleDelegationCount => "Делегаций в списке: {0}",
        T::ConsoleEdit => "Изменить",
        T::ConsoleSave => "Сохранить",
        T::ConsoleCancel => "Отмена",
        T::ConsoleCopyCode => "Копировать код",
        T::ConsoleCopyLink => "Копировать ссылку",
        T::ConsoleCopied => "Скопировано.",
        T::ConsoleNotCopied => "Не удалось скопировать; выделите текст.",
        T::ConsoleRevoke => "Отозвать",
        T::ConsoleConfirmRevoke => "Да, отозвать",
        T::ConsoleRevoked => "Доступ отозван",
        T::ConsoleFormat => "Формат",
        T::ConsoleFormatHybrid => "Гибридное",
        T::ConsoleFormatInPerson => "Очное",
        T::ConsoleFormatOnline => "Онлайн",
        T::ConsoleFormatPodium => "В зале только президиум",
        T::ConsoleSubItemOf => "Подпункт пункта",
        T::ConsoleChooseDelegation => "Выберите делегацию.",
        T::ConsoleChooseInterpreter => "Выберите переводчика.",
        T::ConsoleInterpreters => "Переводчики",
        T::ConsoleLiveMic => "Включённый микрофон",
        T::ConsoleNobodyAssigned => "Никто не назначен",
        T::ConsoleAssign => "Назначить в кабину",
        T::SymPartBody => "комиссия (E/CN.7 для КНД, E/CN.15 для КПУП)",
        T::SymPartYear => "год",
        T::SymPartDocNumber => "номер документа",
        T::SymPartNumberAfter => "номер после «{0}»",
        T::SymEmpty => "Введите условное обозначение документа.",
        T::SymTooLong => "Слишком длинно для условного обозначения (не более {0} знаков).",
        T::SymSpace => "В знаке {0} пробел; в условном обозначении пробелов нет.",
        T::SymCharacter => "«{0}» (знак {1}) недопустим: только латинские буквы, цифры, «.», «/» и «*» в конце.",
        T::SymReissue => "Знак переиздания «*» ставится только в конце, не более двух раз.",
        T::SymSlash => "Знак «/» не на месте: в начале, в конце или дважды подряд.",
        T::SymBody => "«{0}» не функциональная комиссия ЭКОСОС: обозначение начинается с «E/CN.7/» или «E/CN.15/».",
        T::SymWrite => "«{0}» пишется «{1}».",
        T::SymMissing => "Не хватает: {0}.",
        T::SymNumber => "{0} должен быть числом; указано «{1}».",
        T::SymZero => "{0} не может быть 0; нумерация начинается с 1.",
        T::SymTooLarge => "{0} «{1}» слишком велик.",
        T::SymYear => "Год «{0}» невозможен: четыре цифры, от 1978 до 2100.",
        T::SymSeries => "После года идёт номер, «L.n», «CRP.n», «INF/n» или «NGO/n», а не «{0}».",
        T::SymSuffix => "После номера допускаются только «/Rev.n», «/Add.n» и «/Corr.n», а не «{0}».",
        T::SymDuplicate => "«{0}» и «{1}» не могут стоять вместе: напишите только «{1}».",
        T::SymAfterCorr => "«{0}» не может следовать за исправлением: «/Corr.n» всегда в конце.",
        T::SymRevises => "Правильное обозначение: пересмотренный вариант {0}.",
        T::SymCorrects => "Правильное обозначение: исправление к {0}.",
        T::SymAddsTo => "Правильное обозначение: добавление к {0}.",
        T::SymNewDocument => "Правильное обозначение: новый документ.",
        T::DocDraftResolution => "Проект резолюции",
        T::DocConferenceRoomPaper => "Документ зала заседаний",
        T::DocInformation => "Информационный документ",
        T::DocNgoStatement => "Заявление неправительственной организации",
        T::DocReport => "Доклад",
        T::DocOther => "Другой документ",
        T::DocAdvanceUnedited => "Предварительный неотредактированный вариант",
        T::DocFinal => "Окончательный (отредактированный) вариант",
        T::DistGeneral => "Общее: все, включая веб-трансляцию",
        T::DistLimited => "Ограниченное: все участники сессии",
        T::DistMembers => "Только члены Комиссии",
        T::DistDelegations => "Делегации, указанные ниже",
        T::ConsoleStillUploading => "Файл ещё загружается; опубликуйте после завершения.",
        T::ConsolePublishTitle => "Опубликовать документ",
        T::ConsoleSymbol => "Условное обозначение",
        T::ConsoleDocStatus => "Вариант",
        T::ConsoleDistribution => "Распространение (кто может видеть)",
        T::ConsoleDocAgenda => "Пункты повестки дня (напр. 5, 5 a))",
        T::ConsoleMainSponsor => "Основной автор",
        T::ConsoleFiles => "По файлу на каждый язык",
        T::ConsoleUploading => "Загрузка…",
        T::ConsoleUploaded => "Загружено ({0} КБ)",
        T::ConsolePublish => "Опубликовать",
        T::ConsoleRegister => "Реестр документов и история каждого обозначения",
        T::ConsoleReplacedBy => "заменён документом {0}",
        T::ConsoleRevise => "Пересмотреть",
        T::ConsoleCorrigendum => "Исправление",
        T::ConsoleAddendum => "Добавление",
        T::ConsoleNoParent => "(нет: основной пункт)",
    }
}

/// The label of one of a session's time limits, as the forms and refusals name it.
pub fn time_limit_label(kind: floor_protocol::TimeLimitKind) -> T {
    use floor_protocol::TimeLimitKind::*;
    match kind {
        State => T::ConsoleLimitState,
        Group => T::ConsoleLimitGroup,
        Organization => T::ConsoleLimitOrganization,
        Ngo => T::ConsoleLimitNgo,
        PointOfOrder => T::KindPointOfOrder,
        Motion => T::KindMotion,
        FirstReply => T::ConsoleLimitFirstReply,
        SecondReply => T::ConsoleLimitSecondReply,
        ExplanationOfVote => T::KindExplanation,
    }
}

/// A speaker's protocol rank.
pub fn rank_label(rank: floor_protocol::ProtocolRank) -> T {
    use floor_protocol::ProtocolRank::*;
    match rank {
        HeadOfStateOrGovernment => T::RankHead,
        Minister => T::RankMinister,
        ViceMinister => T::RankViceMinister,
        Other => T::RankOther,
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

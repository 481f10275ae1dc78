//! Every string of the interface, in one catalogue. English, French and Spanish are
//! complete: the macro below makes a key without all three fail to compile. Arabic,
//! Chinese and Russian have their place (`Lang`, writing direction, the optional tables
//! at the end) and fall back to English for any string not yet translated.
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
            Lang::Ar => ar(key).unwrap_or_else(|| key.en()),
            Lang::Zh => zh(key).unwrap_or_else(|| key.en()),
            Lang::Ru => ru(key).unwrap_or_else(|| key.en()),
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
    SlowDownSent { en: "\"Slow down\" shown to you only: this version has no message to the chair yet.", fr: "« Ralentir » affiché pour vous seulement : cette version n'a pas encore de message au président.", es: "«Más despacio» solo se muestra a usted: esta versión aún no envía mensajes a la presidencia." }
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

/// Arabic: right to left. Strings fall back to English until translated.
fn ar(key: T) -> Option<&'static str> {
    Some(match key {
        T::Language => "اللغة",
        T::SignIn => "تسجيل الدخول",
        T::SignOut => "تسجيل الخروج",
        _ => return None,
    })
}

/// Chinese: strings fall back to English until translated.
fn zh(key: T) -> Option<&'static str> {
    Some(match key {
        T::Language => "语言",
        T::SignIn => "登录",
        _ => return None,
    })
}

/// Russian: strings fall back to English until translated.
fn ru(key: T) -> Option<&'static str> {
    Some(match key {
        T::Language => "Язык",
        T::SignIn => "Вход",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        (0..4)
            .map(|i| format!("{{{i}}}"))
            .filter(|p| s.contains(p.as_str()))
            .collect()
    }

    #[test]
    fn every_string_has_the_same_placeholders_in_every_language() {
        for key in T::ALL {
            let en = placeholders(key.en());
            for lang in Lang::ALL {
                assert_eq!(placeholders(lang.t(*key)), en, "{key:?} in {lang:?}");
                assert!(!lang.t(*key).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn french_and_spanish_are_translated() {
        // Names that are the same in every language are few; most strings must differ.
        let same_fr = T::ALL.iter().filter(|k| k.fr() == k.en()).count();
        let same_es = T::ALL.iter().filter(|k| k.es() == k.en()).count();
        assert!(same_fr < 12, "{same_fr} French strings equal the English");
        assert!(same_es < 12, "{same_es} Spanish strings equal the English");
    }

    #[test]
    fn arabic_is_right_to_left_and_falls_back() {
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Fr.dir(), "ltr");
        assert_eq!(Lang::Ar.t(T::NextSpeaker), T::NextSpeaker.en());
        assert_eq!(Lang::parse("fr-CH"), Some(Lang::Fr));
        assert_eq!(
            Lang::Es.fill(T::HasTheFloor, &["Chile"]),
            "Chile tiene la palabra"
        );
    }
}
